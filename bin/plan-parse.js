import "../dist/cli.js";
