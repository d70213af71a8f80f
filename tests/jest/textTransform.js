// Jest transform: import a text file (e.g. a .proto) as its string contents,
// the same way esbuild's `--loader:.proto=text` embeds it in the backend bundle.
module.exports = {
  process(sourceText) {
    return { code: `module.exports = ${JSON.stringify(sourceText)}; module.exports.default = module.exports;` };
  },
};
