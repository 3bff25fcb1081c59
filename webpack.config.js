import { gzipSync } from 'node:zlib';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import HtmlWebpackPlugin from 'html-webpack-plugin';
import webpack from 'webpack';
import { readEnvFiles, tabConfigFrom } from './src/cli/envFile.mjs';

const root = dirname(fileURLToPath(import.meta.url));

/** The first view's JavaScript, gzipped, may not grow past this: the build fails if it does. */
export const FIRST_VIEW_BUDGET_GZIP = 150 * 1024;

/** Measures the entry's initial chunks (what the first view loads) and fails the build over budget. */
class FirstViewBudget {
  constructor(outDir) {
    this.outDir = outDir;
  }
  apply(compiler) {
    compiler.hooks.afterEmit.tap('FirstViewBudget', (compilation) => {
      const entry = compilation.entrypoints.get('main');
      const files = entry.getFiles().filter((f) => f.endsWith('.js'));
      let raw = 0;
      let gzip = 0;
      for (const file of files) {
        const bytes = readFileSync(join(this.outDir, file));
        raw += bytes.length;
        gzip += gzipSync(bytes, { level: 9 }).length;
      }
      const lazy = [...compilation.chunks]
        .filter((c) => !c.canBeInitial())
        .flatMap((c) => [...c.files])
        .filter((f) => f.endsWith('.js'));
      const report = { files, raw, gzip, budgetGzip: FIRST_VIEW_BUDGET_GZIP, lazyChunks: lazy };
      writeFileSync(join(this.outDir, 'bundle-report.json'), JSON.stringify(report, null, 2));
      if (compilation.options.mode === 'production' && gzip > FIRST_VIEW_BUDGET_GZIP) {
        compilation.errors.push(
          new webpack.WebpackError(
            `First view is ${(gzip / 1024).toFixed(1)} KiB gzip, over its budget of ${FIRST_VIEW_BUDGET_GZIP / 1024} KiB.`,
          ),
        );
      }
    });
  }
}

/** `webpack --env target=local` (the emulator) or `--env target=dev` (a tenant, from env/.env.dev). */
export default (env = {}, argv = {}) => {
  const target = env.target ?? 'local';
  const config = tabConfigFrom(readEnvFiles(root, target));
  const outDir = join(root, 'dist', target);
  const mode = argv.mode ?? 'production';
  return {
    mode,
    entry: { main: './src/tab/index.tsx' },
    output: {
      path: outDir,
      filename: '[name].[contenthash:10].js',
      // Lazy chunks named by id and the build's hash: the runtime then holds no map of names
      // or per-chunk hashes (one entry per chunk, ~0.5 KiB gzip of the first view by now). A new
      // release renames every lazy chunk, which Teams' cache sees as new files: no stale chunk.
      chunkFilename: '[id].[fullhash:10].js',
      clean: true,
      publicPath: '',
    },
    devtool: mode === 'production' ? false : 'eval-cheap-module-source-map',
    resolve: {
      extensions: ['.ts', '.tsx', '.js', '.mjs'],
      extensionAlias: { '.js': ['.ts', '.tsx', '.js'] },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: { transpileOnly: true, compilerOptions: { noEmit: false } },
          },
        },
      ],
    },
    plugins: [
      new webpack.DefinePlugin({ __APP_CONFIG__: JSON.stringify(config) }),
      new HtmlWebpackPlugin({ template: './src/tab/index.html', scriptLoading: 'defer' }),
      new FirstViewBudget(outDir),
    ],
    performance: { hints: false },
    optimization: { splitChunks: { chunks: 'async' } },
    stats: 'errors-warnings',
  };
};
