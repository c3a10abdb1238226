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
    // Public pages without a framework (home, subscribe, report, the family plan) and the staff console (React).
    rollupOptions: {
      input: {
        index: "index.html",
        console: "console.html",
        subscribe: "subscribe.html",
        plan: "plan.html",
        report: "report.html",
      },
    },
  },
  server: { proxy: { "/api": "http://localhost:8080" } },
});
