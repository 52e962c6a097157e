// The part of sanitize-html's API that safe-html.ts uses. @types/sanitize-html needs
// TypeScript 5.3 syntax (import attributes), newer than the compiler the build runs.
declare module "sanitize-html" {
  type Attributes = Record<string, string>;
  namespace sanitize {
    interface IOptions {
      allowedTags?: string[];
      allowedAttributes?: Record<string, string[]>;
      allowedStyles?: Record<string, Record<string, RegExp[]>>;
      allowedSchemes?: string[];
      allowedSchemesByTag?: Record<string, string[]>;
      allowProtocolRelative?: boolean;
      transformTags?: Record<string, (tagName: string, attribs: Attributes) => { tagName: string; attribs: Attributes }>;
    }
    const defaults: { allowedTags: string[] };
  }
  function sanitize(html: string, options?: sanitize.IOptions): string;
  export = sanitize;
}
