import { benchAreaLookup } from "./area-lookup.ts";
import { benchIntake } from "./intake.ts";
import { benchPublicPages } from "./public-pages.ts";

// Each benchmark prints a ratio against a baseline measured in the same run; none asserts a time.
await benchAreaLookup();
await benchIntake();
await benchPublicPages();
