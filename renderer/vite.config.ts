// Builds the renderer once for every host: the Electron app:// protocol and the listener's
// /kiosk/ path both load it, hence relative asset URLs.
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { META_CONTENT_SECURITY_POLICY } from '../main/common/content-security-policy';

/** The page's own policy comes from the same constant the servers send. */
const contentSecurityPolicy: Plugin = {
  name: 'marquee-csp',
  transformIndexHtml: (html) => html.replace('%MARQUEE_CSP%', META_CONTENT_SECURITY_POLICY),
};

export default defineConfig({
  // Vite fills in import.meta.dirname for config files, whatever the working directory.
  root: import.meta.dirname,
  base: './',
  plugins: [react(), contentSecurityPolicy],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Below this Vite would inline small assets as data: URLs, which the CSP allows only for images.
    assetsInlineLimit: 0,
    target: 'es2022',
  },
  server: {
    // The shared contract lives in main/common, outside the renderer root.
    fs: { allow: ['..'] },
  },
});
