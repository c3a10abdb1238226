import { REPORT_STRING_DRAFTS } from "./report-strings.drafts.ts";

/** Every word of the public report form, in one language. */
export interface ReportStrings {
  title: string;
  lede: string;
  noScript: string;
  formTitle: string;
  activity: string;
  activityHint: string;
  size: string;
  sizeHint: string;
  uniform: string;
  uniformHint: string;
  equipment: string;
  equipmentHint: string;
  when: string;
  whenNow: string;
  when15: string;
  when30: string;
  when60: string;
  when120: string;
  where: string;
  useLocation: string;
  place: string;
  placeHint: string;
  pin: string;
  note: string;
  photo: string;
  photoNote: string;
  replyTo: string;
  privacy: string;
  send: string;
  sentTitle: string;
  sentReceipt: string;
  sentCheck: string;
  queuedTitle: string;
  queuedText: string;
  language: string;
  draftNotice: string;
  sayWhat: string;
  sayWhere: string;
  noLocation: string;
  finding: string;
  located: string;
  locationFailed: string;
  pinned: string;
  mapFailed: string;
  mapLabel: string;
}

export const REPORT_STRINGS_EN: ReportStrings = {
  title: "Report what you see",
  lede: "Tell us about immigration agents you see now. Volunteers check every report before anything is shared. Do not put yourself at risk. In danger or unsure? Call or text",
  noScript: "This form needs JavaScript. Call or text the hotline:",
  formTitle: "What did you see?",
  activity: "What are they doing? (required)",
  activityHint: "Stopping cars, knocking on doors, waiting outside a store…",
  size: "How many agents and vehicles?",
  sizeHint: "About 6 agents, 3 grey SUVs",
  uniform: "Uniforms, vests, badges: what do they say?",
  uniformHint: "Vests that say POLICE ICE",
  equipment: "Equipment and vehicles",
  equipmentHint: "Unmarked vans, Illinois plates",
  when: "When did you see it?",
  whenNow: "Just now",
  when15: "About 15 minutes ago",
  when30: "About 30 minutes ago",
  when60: "About an hour ago",
  when120: "About 2 hours ago",
  where: "Where? (required)",
  useLocation: "Use my location",
  place: "or a ZIP code or neighborhood",
  placeHint: "60623 or Little Village",
  pin: "or put a pin on the map",
  note: "Anything else?",
  photo: "A photo of the agents or vehicles (optional)",
  photoNote:
    "Location and camera data are removed from photos before they are stored. Do not photograph neighbors.",
  replyTo: "A number for one follow-up question (optional)",
  privacy:
    "Do not write anyone's name, address or immigration status: this form is about agents, not people. What you write is kept encrypted; the exact place and any photo are erased after 14 days and the number after 30. We never share reports with the authorities.",
  send: "Send report",
  sentTitle: "Thank you",
  sentReceipt: "Your report was received. Quote this receipt if you call the hotline:",
  sentCheck: "Volunteers check it before anything is shared. Stay safe.",
  queuedTitle: "Saved on this phone",
  queuedText:
    "You are offline. Your report will be sent as soon as this phone is back online, even if you close the page and come back.",
  language: "Language",
  draftNotice: "",
  sayWhat: "Say what you saw.",
  sayWhere:
    "Say where: use your location, type a ZIP code or neighborhood, or put a pin on the map.",
  noLocation: "This phone cannot give its location. Type a ZIP code or neighborhood.",
  finding: "Finding your location…",
  located: "Your location will be sent with the report.",
  locationFailed: "We could not get your location. Type a ZIP code or neighborhood.",
  pinned: "The pin will be sent with the report.",
  mapFailed: "The map could not load. Type a ZIP code or neighborhood.",
  mapLabel: "Map of Chicago: tap where you saw it",
};

/** The form's words in a language: a machine draft (marked so) where there is no review yet. */
export function reportStrings(lang: string): ReportStrings {
  const draft = REPORT_STRING_DRAFTS[lang];
  return draft ? { ...REPORT_STRINGS_EN, ...draft } : REPORT_STRINGS_EN;
}
