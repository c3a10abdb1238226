import type { LanguageCode } from "@aviso/core";
import { PLAN_STRING_DRAFTS } from "./plan-strings.drafts.ts";

/**
 * Every word of the family-plan builder. English is the source; the other languages are in
 * `plan-strings.drafts.ts`, machine-drafted and waiting for community review (the page says so).
 * `{n}`, `{k}`, `{date}`, `{hotline}` and `{code}` are filled in by the page.
 */
export interface PlanStrings {
  title: string;
  intro: string;
  serverNeverReads: string;
  draftNotice: string;
  language: string;
  start: { new: string; open: string; openFile: string };
  open: {
    title: string;
    code: string;
    passphrase: string;
    submit: string;
    wrongPassphrase: string;
    notFound: string;
    file: string;
    badFile: string;
  };
  sections: {
    contacts: string;
    children: string;
    documents: string;
    legal: string;
    detention: string;
    home: string;
    message: string;
  };
  guidance: {
    contacts: string;
    children: string;
    documents: string;
    legal: string;
    detention: string;
    home: string;
    message: string;
  };
  readMore: string;
  fields: {
    name: string;
    phone: string;
    relationship: string;
    speaks: string;
    childName: string;
    pickup: string;
    school: string;
    medical: string;
    guardian: string;
    guardianOptions: { none: string; planned: string; signed: string };
    where: string;
    attorney: string;
    attorneyPhone: string;
    legalAidPick: string;
    legalAidNone: string;
    g28: string;
    aNumber: string;
    aNumberHelp: string;
    countryOfBirth: string;
    consulate: string;
    money: string;
    rent: string;
    car: string;
    pets: string;
    medicines: string;
    message: string;
  };
  documents: Record<
    | "birth"
    | "passport"
    | "id"
    | "ssn"
    | "immigration"
    | "proof"
    | "children"
    | "medical"
    | "bank"
    | "lease",
    string
  >;
  add: { contact: string; child: string };
  remove: string;
  actions: {
    save: string;
    saved: string;
    print: string;
    backup: string;
    share: string;
    delete: string;
    deleteConfirm: string;
    deleted: string;
    close: string;
  };
  passphrase: {
    title: string;
    explain: string;
    label: string;
    repeat: string;
    suggest: string;
    show: string;
    mismatch: string;
    tooWeak: string;
    strength: { weak: string; fair: string; strong: string };
    working: string;
  };
  afterSave: {
    title: string;
    code: string;
    writeDown: string;
    qr: string;
  };
  detained: {
    button: string;
    explain: string;
    message: string;
    noContacts: string;
    hotline: string;
    textOne: string;
  };
  share: {
    title: string;
    linkTitle: string;
    linkExplain: string;
    expires: string;
    days: string;
    create: string;
    revoke: string;
    revoked: string;
    active: string;
    splitTitle: string;
    splitExplain: string;
    parts: string;
    needed: string;
    split: string;
    part: string;
    printParts: string;
  };
  readOnly: {
    banner: string;
    expired: string;
    parts: string;
    addPart: string;
    openWithParts: string;
    notEnough: string;
  };
  print: { warning: string; printedOn: string };
  offline: string;
  errors: { network: string; generic: string };
}

export const PLAN_STRINGS_EN: PlanStrings = {
  title: "My family plan",
  intro:
    "Write down what your family needs to know if you are detained: who picks up the children, where your papers are, which lawyer to call.",
  serverNeverReads:
    "Your plan is locked on this phone with a passphrase before it is saved. We never see your plan, your passphrase or the names and numbers in it. Without the passphrase, nobody can open it, not even us.",
  draftNotice: "This translation was drafted by machine and still needs review by our community.",
  language: "Language",
  start: {
    new: "Make a new plan",
    open: "Open my plan",
    openFile: "Open a backup file",
  },
  open: {
    title: "Open a saved plan",
    code: "Plan code",
    passphrase: "Passphrase",
    submit: "Open",
    wrongPassphrase: "That passphrase does not open this plan. Check it and try again.",
    notFound: "No plan has that code. Check the code, or the plan was deleted.",
    file: "Backup file",
    badFile: "This file is not an Aviso plan backup.",
  },
  sections: {
    contacts: "Emergency contacts",
    children: "Children",
    documents: "Documents",
    legal: "Lawyer and legal help",
    detention: "If I am detained",
    home: "Money, home, car, pets, medicines",
    message: "What I want my family to know",
  },
  guidance: {
    contacts:
      "Choose people you trust who can act fast. Learn one number by heart: you may not have your phone.",
    children:
      "Choose who picks up your children and tell the school. In Illinois a parent can name a short-term guardian for up to a year in writing; ask a lawyer to confirm.",
    documents:
      "Keep your papers together and tell a trusted person where they are. Keep copies of old passports and proof of your time in the US.",
    legal:
      "Keep a lawyer's number ready. You can sign a G-28 form with your lawyer now and give it to a trusted person.",
    detention:
      "Your family needs your A-number and country of birth to find you with ICE's online locator. The A-number has 9 digits.",
    home: "Plan for rent, bills, the car, the last paycheck, pets and medicines.",
    message: "Anything else your family should know.",
  },
  readMore: "Read more",
  fields: {
    name: "Name",
    phone: "Phone",
    relationship: "Relationship",
    speaks: "Speaks",
    childName: "Child's name",
    pickup: "Who picks them up",
    school: "School or daycare",
    medical: "Medical needs, allergies, medicines",
    guardian: "Short-term guardian designation",
    guardianOptions: {
      none: "Not done yet",
      planned: "Talked about it, not signed",
      signed: "Signed",
    },
    where: "Where it is kept",
    attorney: "Lawyer's name",
    attorneyPhone: "Lawyer's phone",
    legalAidPick: "Or choose free legal help",
    legalAidNone: "None chosen",
    g28: "G-28 signed and given to",
    aNumber: "A-number",
    aNumberHelp: "9 digits, at the top right of a Notice to Appear",
    countryOfBirth: "Country of birth",
    consulate: "Consulate phone",
    money: "Money and bank",
    rent: "Rent, lease and bills",
    car: "Car",
    pets: "Pets",
    medicines: "My medicines",
    message: "Message",
  },
  documents: {
    birth: "Birth certificates",
    passport: "Passports (old ones too)",
    id: "IDs",
    ssn: "Social Security or ITIN numbers",
    immigration: "A-number and immigration papers",
    proof: "Proof of time in the US (leases, pay stubs, school records, taxes)",
    children: "Children's papers and school records",
    medical: "Medical records and insurance",
    bank: "Bank papers and cards",
    lease: "Lease or mortgage",
  },
  add: { contact: "Add a contact", child: "Add a child" },
  remove: "Remove",
  actions: {
    save: "Save plan",
    saved: "Saved",
    print: "Print",
    backup: "Download backup",
    share: "Share",
    delete: "Delete plan",
    deleteConfirm: "Delete this plan for good? Share links and parts will stop working.",
    deleted: "The plan was deleted.",
    close: "Close",
  },
  passphrase: {
    title: "Choose a passphrase",
    explain:
      "The passphrase locks your plan. Write it down and keep it safe: if you lose it, nobody can open the plan, not even us.",
    label: "Passphrase",
    repeat: "Passphrase again",
    suggest: "Suggest a passphrase",
    show: "Show",
    mismatch: "The two passphrases are not the same.",
    tooWeak: "This passphrase is too easy to guess. Make it longer, or use the suggested one.",
    strength: { weak: "Weak", fair: "Fair", strong: "Strong" },
    working: "Locking your plan…",
  },
  afterSave: {
    title: "Your plan is saved",
    code: "Plan code",
    writeDown:
      "Write down the plan code and your passphrase. You need both to open the plan on another phone.",
    qr: "Scan this code with a phone camera to open the plan there.",
  },
  detained: {
    button: "I've been detained",
    explain:
      "This opens your phone's text messages with a message to your emergency contacts. It is sent from your phone; we never see the numbers.",
    message:
      "I have been detained by immigration. Follow our family plan. Call the hotline: {hotline}",
    noContacts: "Add an emergency contact with a phone number first.",
    hotline: "Hotline",
    textOne: "Text",
  },
  share: {
    title: "Share with trusted people",
    linkTitle: "Read-only link",
    linkExplain:
      "Anyone with this link can read the plan until it expires or you take it back. The key is in the link, never sent to us.",
    expires: "Works for",
    days: "{n} days",
    create: "Make a link",
    revoke: "Take back",
    revoked: "Taken back",
    active: "Works until {date}",
    splitTitle: "Split among trusted people",
    splitExplain:
      "Give each person one part. Any {k} of them together can open the plan; one alone cannot.",
    parts: "Parts",
    needed: "Parts needed to open",
    split: "Make the parts",
    part: "Part {n}",
    printParts: "Print the parts",
  },
  readOnly: {
    banner: "You are reading a plan someone shared with you. You cannot change it.",
    expired: "This link no longer works: it expired or was taken back.",
    parts: "You have {n} of the {k} parts needed.",
    addPart: "Add another part (paste its link)",
    openWithParts: "Open",
    notEnough: "These parts do not open the plan. You need {k} different parts.",
  },
  print: {
    warning:
      "Keep this paper somewhere safe that your trusted people know about. Anyone who finds it can read it.",
    printedOn: "Printed {date}",
  },
  offline:
    "You are offline. You can still fill in and print your plan; save it when you are back online.",
  errors: {
    network: "We could not reach the server. Check your connection and try again.",
    generic: "Something went wrong. Try again.",
  },
};

/** The builder's words in a language: a reviewed or drafted translation, or English. */
export function planStrings(lang: LanguageCode | string): PlanStrings {
  return lang === "en" ? PLAN_STRINGS_EN : (PLAN_STRING_DRAFTS[lang] ?? PLAN_STRINGS_EN);
}
