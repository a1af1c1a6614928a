/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// Tauri serves the built files from its own protocol; a fixed dev port lets `devUrl` find Vite.
export default defineConfig({
  plugins: [react()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: { target: "es2021", chunkSizeWarningLimit: 2000 },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    css: false,
    // antd in jsdom is slow on these 2-core machines, slower still while a build shares them;
    // the tests wait on real renders, and a generous bound costs nothing when they are fast.
    testTimeout: 60000,
  },
});
