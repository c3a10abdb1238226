export * from "./article.ts";
export * from "./front-matter.ts";
export * from "./library.ts";
export * from "./lint.ts";
export * from "./page.ts";
export * from "./sms-answer.ts";
export * from "./ui-strings.ts";
