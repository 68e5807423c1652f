// Minimal typings for the part of @nlpjs/lang-ru the classifier uses (the package ships none).
declare module '@nlpjs/lang-ru' {
  export class StemmerRu {
    stemWord(word: string): string;
    // the steps of stemWord without its memo (base-stemmer.js)
    setCurrent(word: string): void;
    innerStem(): boolean;
    getCurrent(): string;
    readonly dictionary: { readonly before: Record<string, string>; readonly after: Record<string, string> };
  }
}
