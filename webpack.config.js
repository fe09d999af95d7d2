// Builds the add-in: the custom functions bundle (+ functions.json and its Chinese localisation),
// the task pane page, the help page, icons, and manifest.xml with its URLs rewritten for
// production (ADDIN_URL=https://your.host/path/ npm run build). office.js itself is loaded from
// Microsoft's CDN, as Microsoft requires of add-ins (learn.microsoft.com/office/dev/add-ins/develop/
// referencing-the-javascript-api-for-office-library-from-its-cdn); the browser tests route that URL
// to a local stand-in, so nothing is fetched from outside at test time.
const path = require("path");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const { createServer } = require("net");
const { sources, Compilation } = require("webpack");

const DEV_URL = "https://localhost:3000/";

/** Splits a bilingual description "English. 中文。" into its English and Chinese parts. */
function split(text) {
  const i = text.search(/[\u3400-\u9fff\uff00-\uffef]/);
  if (i < 0) return { en: text.trim(), zh: text.trim() };
  const en = text.slice(0, i).trim();
  return { en: en || text.slice(i).trim(), zh: text.slice(i).trim() };
}

/**
 * functions.json in one language, from the bilingual JSDoc metadata, with the two top-level
 * switches the JSDoc generator cannot set (learn.microsoft.com/office/dev/add-ins/excel/custom-functions-json):
 * allowErrorForDataTypeAny (an error cell inside a range still calls the function, which names
 * the cell) and allowCustomDataForDataTypeAny (linked data types arrive as Excel.CellValue).
 */
function localise(metadata, lang) {
  return {
    allowErrorForDataTypeAny: true,
    allowCustomDataForDataTypeAny: true,
    ...metadata,
    functions: metadata.functions.map((f) => ({
      ...f,
      description: split(f.description || "")[lang],
      result:
        f.result && f.result.description
          ? { ...f.result, description: split(f.result.description)[lang] }
          : f.result,
      parameters: (f.parameters || []).map((p) => ({
        ...p,
        description: split(p.description || "")[lang],
      })),
    })),
  };
}

/**
 * Emits functions.json in English and functions.zh-cn.json in Chinese from the bilingual JSDoc
 * (the manifest gives zh-CN, zh-TW and zh-HK Excel the Chinese one).
 */
class LocalizeFunctionsPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("LocalizeFunctionsPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "LocalizeFunctionsPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONS },
        () => {
          const asset = compilation.getAsset("functions.json");
          if (!asset) return;
          const metadata = JSON.parse(asset.source.source().toString());
          compilation.updateAsset(
            "functions.json",
            new sources.RawSource(JSON.stringify(localise(metadata, "en"), null, 2)),
          );
          compilation.emitAsset(
            "functions.zh-cn.json",
            new sources.RawSource(JSON.stringify(localise(metadata, "zh"), null, 2)),
          );
        },
      );
    });
  }
}

/** Whether nothing listens on `port` yet (webpack-dev-server itself would die with a stack trace). */
function portFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

module.exports = async (env, argv) => {
  // `webpack serve` (npm run dev; npm start passes --port): the add-in's port, AE_ADDIN_PORT or 3000.
  const port = Number(argv.port || process.env.AE_ADDIN_PORT || 3000);
  if (env.WEBPACK_SERVE && !(await portFree(port))) {
    console.error(
      `port ${port} (the add-in's dev server) is already in use by another program; choose another with AE_ADDIN_PORT=${port + 1} npm run dev (then sideload a manifest pointing at it: ADDIN_URL=https://localhost:${port + 1}/ npm run build gives dist/manifest.xml)`,
    );
    process.exit(2);
  }
  const production = (argv.mode || "production") === "production";
  const url = (process.env.ADDIN_URL || DEV_URL).replace(/\/?$/, "/");
  return {
    mode: production ? "production" : "development",
    // Office's runtimes (Edge WebView2, Safari, Chromium on the web) all run ES2020.
    target: ["web", "es2020"],
    devtool: production ? false : "source-map",
    // The task pane depends on the functions entry: one engine and rule pack in the shared runtime.
    entry: {
      functions: "./src/functions/functions.ts",
      taskpane: { import: "./src/taskpane/index.tsx", dependOn: "functions" },
      // The same pane over an .xlsx file, for use without Excel (npm start serves it).
      standalone: "./src/taskpane/standalone.tsx",
    },
    output: { path: path.resolve(__dirname, "dist"), filename: "[name].js", clean: true },
    // JSZip asks for Node streams only to offer them; the page does not use them.
    // JSZip's sources, not its prebuilt browser bundle: src/xlsx/write.ts imports two of JSZip's
    // internal modules, which must be the same instances JSZip itself uses (and the page is
    // 20 KB gzip smaller this way).
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
      alias: { jszip$: path.resolve(__dirname, "node_modules/jszip/lib/index.js") },
      fallback: { stream: false },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { transpileOnly: true } },
        },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: "./src/functions/functions.ts" }),
      new LocalizeFunctionsPlugin(),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["functions", "taskpane"],
      }),
      new HtmlWebpackPlugin({
        filename: "index.html",
        template: "./src/taskpane/standalone.html",
        chunks: ["standalone"],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/icon-*.png", to: "assets/[name][ext]" },
          // The sample workbooks, one click away on the standalone page.
          { from: "assets/samples/*.xlsx", to: "samples/[name][ext]" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            // Every occurrence, not only the first.
            transform: (content) => (production ? content.toString().split(DEV_URL).join(url) : content),
          },
          // The help page the manifest's SupportUrl names (English and Chinese).
          { from: "src/help/help.html", to: "help.html" },
        ],
      }),
    ],
    performance: { hints: false },
    devServer: {
      static: { directory: path.resolve(__dirname, "dist") },
      server: "https",
      port,
      headers: { "Access-Control-Allow-Origin": "*" },
      allowedHosts: "all",
      // npm start serves dist/ over plain HTTP too (the standalone page), so it needs the files on disk.
      devMiddleware: { writeToDisk: process.env.AE_WRITE_TO_DISK === "1" },
    },
  };
};

module.exports.localise = localise;
