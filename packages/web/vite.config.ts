import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // No inline scripts or styles anywhere: the server's CSP forbids them.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    // Two pages: the light public home (no framework) and the staff console (React).
    rollupOptions: {
      input: { index: "index.html", console: "console.html", subscribe: "subscribe.html" },
    },
  },
  server: { proxy: { "/api": "http://localhost:8080" } },
});
