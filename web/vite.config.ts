import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

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
  plugins: [
    fullCalendarIconFont(),
    // The installable app: the manifest, and a service worker built with Workbox from sw/sw.ts
    // (the app shell, the nurse's shifts of the next 14 days, pushed pages as notifications).
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'sw',
      filename: 'sw.ts',
      injectRegister: false,
      registerType: 'autoUpdate',
      manifestFilename: 'manifest.webmanifest',
      injectManifest: { globPatterns: ['**/*.{js,css,html,png,ttf,webmanifest}'], maximumFileSizeToCacheInBytes: 3 * 1024 * 1024 },
      manifest: {
        name: 'Wijkwacht',
        short_name: 'Wijkwacht',
        description: 'Diensten, oproepen en rooster van de regionale wijkverpleging',
        lang: 'nl',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        background_color: '#f5f7fa',
        theme_color: '#1d4f91',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
    }),
  ],
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
});
