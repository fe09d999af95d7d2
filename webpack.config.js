// Webpack: for now bundles the pure engine as a browser library (dist/engine.js) so its size is
// measured; the custom-functions and task-pane entries are added by their issues.
const path = require("path");

module.exports = (_env, argv) => ({
  mode: argv.mode || "production",
  entry: { engine: "./src/engine/index.ts" },
  output: {
    path: path.resolve(__dirname, "dist"),
    filename: "[name].js",
    library: { name: "AEModesEngine", type: "umd" },
    globalObject: "globalThis",
    clean: true,
  },
  resolve: { extensions: [".ts", ".js"] },
  module: {
    rules: [
      { test: /\.ts$/, loader: "ts-loader", exclude: /node_modules/, options: { transpileOnly: true } },
    ],
  },
  devtool: false,
  performance: { hints: false },
});
