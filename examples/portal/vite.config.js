import { defineConfig } from "vite";
import { fileURLToPath } from "node:url";

// The bundled examples are read from the repository's examples/ folder.
const examples = fileURLToPath(new URL("..", import.meta.url));

export default defineConfig({
  base: "./",
  server: { fs: { allow: [".", examples] } },
});
