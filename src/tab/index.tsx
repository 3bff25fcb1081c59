import { createRoot } from 'react-dom/client';
import { Boot } from './app/Boot.js';

const container = document.getElementById('root');
if (!container) throw new Error('The page has no #root element');
createRoot(container).render(<Boot />);
