require("../dist/cli.cjs");
