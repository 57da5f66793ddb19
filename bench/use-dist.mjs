// `--import` this (the bench passes it on to its child processes through NODE_OPTIONS) to load
// `src/` modules from `dist/`: see dist-hooks.mjs.
import { register } from "node:module";

register("./dist-hooks.mjs", import.meta.url);
