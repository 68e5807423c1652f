// Minimal typings for the part of @nlpjs/lang-ru the classifier uses (the package ships none).
declare module '@nlpjs/lang-ru' {
  export class StemmerRu {
    stemWord(word: string): string;
  }
}
