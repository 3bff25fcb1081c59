import { mergeClasses } from '@fluentui/react-components';
import { AREAS, type Area, areaHash } from '../../routing/router.js';
import { useShellStyles } from './useShellStyles.styles.js';

/**
 * The areas as a named navigation landmark, the current one marked: beside the content on a wide
 * screen, inside the drawer on a narrow one.
 */
export function AreaLinks({
  areas,
  activeArea,
  onFollow,
}: {
  readonly areas: readonly Area[] | undefined;
  readonly activeArea: Area | undefined;
  /** Called when a link is followed (the drawer closes). */
  readonly onFollow?: () => void;
}) {
  const styles = useShellStyles();
  return (
    <ul className={styles.navList}>
      {AREAS.filter((a) => !areas || areas.includes(a.area)).map((a) => (
        <li key={a.area}>
          <a
            className={mergeClasses(styles.navLink, activeArea === a.area && styles.navCurrent)}
            href={areaHash(a.area)}
            aria-current={activeArea === a.area ? 'page' : undefined}
            onClick={onFollow}
          >
            {a.label}
          </a>
        </li>
      ))}
    </ul>
  );
}
