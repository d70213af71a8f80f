// `.proto` files are imported as their text: esbuild's `--loader:.proto=text`
// embeds them in the backend bundle, Jest's text transform does the same.
declare module '*.proto' {
  const text: string;
  export default text;
}
