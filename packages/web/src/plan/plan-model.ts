/** The family plan as the resident fills it in. It only ever leaves the browser sealed. */

export const DOCUMENT_KEYS = [
  "birth",
  "passport",
  "id",
  "ssn",
  "immigration",
  "proof",
  "children",
  "medical",
  "bank",
  "lease",
] as const;
export type DocumentKey = (typeof DOCUMENT_KEYS)[number];

export interface Contact {
  name: string;
  phone: string;
  relationship: string;
  speaks: string;
}

export interface Child {
  name: string;
  pickup: string;
  school: string;
  medical: string;
  guardian: "none" | "planned" | "signed";
}

export const HOME_FIELDS = ["money", "rent", "car", "pets", "medicines"] as const;

export interface Plan {
  v: 1;
  contacts: Contact[];
  children: Child[];
  documents: Record<DocumentKey, { have: boolean; where: string }>;
  attorney: { name: string; phone: string; legalAid: string; g28: string };
  aNumber: string;
  countryOfBirth: string;
  consulate: string;
  money: string;
  rent: string;
  car: string;
  pets: string;
  medicines: string;
  message: string;
}

export const emptyContact = (): Contact => ({ name: "", phone: "", relationship: "", speaks: "" });
export const emptyChild = (): Child => ({
  name: "",
  pickup: "",
  school: "",
  medical: "",
  guardian: "none",
});

export function emptyPlan(): Plan {
  return {
    v: 1,
    contacts: [emptyContact()],
    children: [],
    documents: Object.fromEntries(
      DOCUMENT_KEYS.map((key) => [key, { have: false, where: "" }]),
    ) as Plan["documents"],
    attorney: { name: "", phone: "", legalAid: "", g28: "" },
    aNumber: "",
    countryOfBirth: "",
    consulate: "",
    money: "",
    rent: "",
    car: "",
    pets: "",
    medicines: "",
    message: "",
  };
}

/** A plan read back from ciphertext, filled out to the current shape. */
export function normalizePlan(value: unknown): Plan {
  const base = emptyPlan();
  if (typeof value !== "object" || value === null) return base;
  const plan = { ...base, ...(value as Partial<Plan>) };
  plan.documents = { ...base.documents, ...(plan.documents ?? {}) };
  plan.attorney = { ...base.attorney, ...(plan.attorney ?? {}) };
  plan.contacts = Array.isArray(plan.contacts) ? plan.contacts : [];
  plan.children = Array.isArray(plan.children) ? plan.children : [];
  return plan;
}

/**
 * Free legal help for the Chicago deployment, from the research notes in shared/data
 * (chicago-resources.md): only entries whose number two sources agree on. Re-check before
 * each release; names stay in English, as the organizations write them.
 */
export const LEGAL_AID = [
  {
    id: "icirr",
    name: "ICIRR Family Support Hotline (call or text, 24 hours)",
    phone: "1-855-435-7693",
  },
  { id: "nijc", name: "National Immigrant Justice Center", phone: "312-660-1370" },
  { id: "lac", name: "Legal Aid Chicago", phone: "312-341-1070" },
  { id: "aaan", name: "Arab American Action Network", phone: "773-436-6060" },
] as const;

/** The rights article beside each section. */
export const SECTION_ARTICLES = {
  contacts: "family-plan",
  children: "family-plan",
  documents: "family-plan",
  legal: "get-help",
  detention: "finding-someone",
  home: "family-plan",
  message: undefined,
} as const;
