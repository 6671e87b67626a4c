import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

/**
 * FullCalendar injects its styles from script, with its icon font inlined as a `data:` URL. The
 * service's content security policy takes fonts from its own origin only (`font-src 'self'`), so
 * the browser refused that font on every page load (a console error). Rather than widening the
 * policy to every `data:` font, the build writes the font out as a hashed asset of its own and
 * points FullCalendar's @font-face at it: the font comes from 'self' and the policy stays as it was.
 */
export function fullCalendarIconFont(): Plugin {
  const INLINE_FONT = /data:[a-z/+.-]*font[a-z/+.-]*(?:;charset=[\w-]+)?;base64,([A-Za-z0-9+/=]+)/g;
  let base = '/';
  let assetsDir = 'assets';
  let rewritten = 0;
  return {
    name: 'fullcalendar-icon-font',
    apply: 'build',
    configResolved(config) {
      base = config.base;
      assetsDir = config.build.assetsDir;
    },
    transform(code, id) {
      if (!/[\\/]@fullcalendar[\\/]/.test(id) || !code.includes(';base64,')) return null;
      const out = code.replace(INLINE_FONT, (_, data: string) => {
        const font = Buffer.from(data, 'base64');
        const fileName = `${assetsDir}/fcicons-${createHash('sha256').update(font).digest('hex').slice(0, 10)}.ttf`;
        this.emitFile({ type: 'asset', fileName, source: font });
        rewritten++;
        return `${base}${fileName}`;
      });
      return out === code ? null : { code: out, map: null };
    },
    buildEnd() {
      // FullCalendar is in the app: if its font is no longer found inline, this rewrite needs a look.
      if (rewritten === 0) this.warn('no inline FullCalendar font found to write out as an asset');
    },
  };
}

/** The web app is built into dist/web, which the Nest service serves at `/`. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1024,
  },
  plugins: [fullCalendarIconFont()],
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
});
