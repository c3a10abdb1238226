/**
 * Table types. Timestamps are ISO-8601 UTC text and flags are 0/1 integers on both dialects,
 * so feature code never branches on the database. Columns ending in `_enc` hold field
 * ciphertext (see crypto/field-crypto.ts); `_index` columns hold keyed blind indexes.
 */
export interface AreasTable {
  id: string;
  kind: string;
  name: string;
  /** The identifier in the source data (community area number, ZIP, ward number). */
  code: string | null;
  geometry: string;
  cell_count: number;
  created_at: string;
}

export interface AreaCellsTable {
  area_id: string;
  cell: string;
  /** 1 when only the area's boundary touches the cell, 0 when the cell's centre is inside. */
  is_edge: number;
}

export interface StaffUsersTable {
  id: string;
  role: string;
  status: string;
  email_enc: string;
  email_index: string;
  name_enc: string;
  created_at: string;
  /** Argon2id (libsodium crypto_pwhash_str); null until the invitation is accepted. */
  password_hash: string | null;
  totp_secret_enc: string | null;
  /** The last TOTP time step accepted, so a code cannot be used twice. */
  totp_last_step: number;
  failed_sign_ins: number;
  locked_until: string | null;
}

export interface StaffSessionsTable {
  id: string;
  /** SHA-256 of the cookie's token: a copy of the database cannot be replayed as a cookie. */
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
  /** A coarse description of the browser ("Chrome on Linux"), never an address. */
  device: string;
}

export interface StaffRecoveryCodesTable {
  user_id: string;
  code_hash: string;
  used_at: string | null;
}

export interface StaffInvitationsTable {
  id: string;
  token_hash: string;
  user_id: string;
  created_by: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** Append-only, hash-chained. No code path updates or deletes a row. */
export interface AuditEventsTable {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  reason: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

export interface StaffPasskeysTable {
  /** The credential id (base64url), as the authenticator reports it. */
  id: string;
  user_id: string;
  /** COSE public key, base64url. Not secret: it only verifies signatures. */
  public_key: string;
  counter: number;
  /** JSON array of transport hints. */
  transports: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
}

/** Issued WebAuthn challenges; deleting one on use makes each single-use across processes. */
export interface WebauthnChallengesTable {
  challenge: string;
  purpose: string;
  user_id: string | null;
  expires_at: string;
}

export interface SubscribersTable {
  id: string;
  channel: string;
  /** Null once the subscriber stopped: the contact is erased at once. */
  contact_enc: string | null;
  contact_index: string | null;
  language: string;
  /** pending (waiting for YES), active, stopped */
  status: string;
  created_at: string;
  confirmed_at: string | null;
  stopped_at: string | null;
  /** SHA-256 of the web sign-up's confirmation code; null once confirmed. */
  confirm_code_hash: string | null;
  confirm_expires_at: string | null;
  confirm_attempts: number;
}

/** Messages the local outbox "sent": read in the console during development and demos. */
export interface OutboxMessagesTable {
  id: string;
  channel: string;
  to_enc: string;
  body_enc: string;
  created_at: string;
}

/** When confirmation codes went to which contact (blind index), to cap them (SMS pumping). */
export interface ConfirmationSendsTable {
  contact_index: string;
  sent_at: string;
}

export interface SubscriberAreasTable {
  subscriber_id: string;
  area_id: string;
}

/** Contacts that opted out: a blind index only, never the number or address itself. */
export interface SuppressionsTable {
  channel: string;
  contact_index: string;
  created_at: string;
}

/** A report of enforcement activity; what was seen, the note and the reply number are sealed. */
export interface ReportsTable {
  id: string;
  /** Short code the reporter can quote to the hotline. */
  receipt: string;
  /** web, sms, operator */
  source: string;
  language: string;
  /** new, discarded (personal details removed by staff) */
  status: string;
  area_id: string | null;
  /** H3 cell of the point (or of the named area's centre). */
  cell: string;
  /** point (a pin or the phone's location) or area (a ZIP code or neighborhood typed) */
  precision: string;
  /** "lat,lng" sealed; erased when the retention rule coarsens the report to its cell and area. */
  location_enc: string | null;
  /** SALUTE fields and the note, as sealed JSON. */
  details_enc: string;
  /** The reporter's number for a follow-up question, sealed; erased by the retention rule. */
  reply_enc: string | null;
  /** JSON array of screening codes (e.g. names-a-status), never the text that raised them. */
  flags: string;
  seen_at: string;
  created_at: string;
}

/** A family plan: the browser's sealed envelope (JSON) and the hash of the owner's token. */
export interface PlansTable {
  id: string;
  /** Short code the resident types or scans to open the plan. */
  code: string;
  /** The PlanEnvelope as JSON: ciphertext, salt and KDF parameters only. */
  envelope: string;
  owner_token_hash: string;
  created_at: string;
  updated_at: string;
}

/** A read-only share of a plan: its key sealed with a key held only in the link's fragment. */
export interface PlanSharesTable {
  id: string;
  plan_id: string;
  wrapped_key: string;
  created_at: string;
  expires_at: string;
}

/** An alert: public once sent, signed, with the areas it names and its text per language. */
export interface AlertsTable {
  id: string;
  kind: string;
  /** pending_approval, sending, sent, cancelled, rejected */
  status: string;
  /** JSON array of area ids. */
  area_ids: string;
  /** H3 cell deliveries are ranked from (nearest first); null: the first area's centre. */
  origin_cell: string | null;
  /** JSON object: language code → the SMS text (without the footer). */
  texts: string;
  retracts_id: string | null;
  composed_by: string;
  approved_by: string | null;
  created_at: string;
  approved_at: string | null;
  expires_at: string;
  /** Ed25519 signature (base64url) of the alert's canonical form, set at approval. */
  signature: string | null;
  verification_code: string | null;
  fanout_done_at: string | null;
  cancelled_at: string | null;
  finished_at: string | null;
}

/** One alert to one subscriber on one channel; the contact stays sealed in `subscribers`. */
export interface DeliveriesTable {
  alert_id: string;
  subscriber_id: string;
  channel: string;
  language: string;
  /** Ring distance of the subscriber's nearest chosen area from the alert's origin. */
  rank: number;
  /** queued, sending, sent, delivered, failed, cancelled */
  status: string;
  attempts: number;
  next_attempt_at: string;
  /** While `sending`: when another sender may take it over (its sender died). */
  lease_until: string | null;
  provider_id: string | null;
  /** A short reason code (e.g. opted_out, expired, HTTP 400 21211), never a message body. */
  error: string | null;
  sent_at: string | null;
  updated_at: string;
}

export interface MetaTable {
  key: string;
  value: string;
}

/**
 * A transaction other modules' writes can join, so that one use case's rows (a report and its
 * audit entry) are stored all together or not at all.
 */
export type Tx = import("kysely").Transaction<Database>;

export interface Database {
  areas: AreasTable;
  area_cells: AreaCellsTable;
  staff_users: StaffUsersTable;
  staff_sessions: StaffSessionsTable;
  staff_recovery_codes: StaffRecoveryCodesTable;
  staff_invitations: StaffInvitationsTable;
  audit_events: AuditEventsTable;
  staff_passkeys: StaffPasskeysTable;
  webauthn_challenges: WebauthnChallengesTable;
  subscribers: SubscribersTable;
  subscriber_areas: SubscriberAreasTable;
  suppressions: SuppressionsTable;
  outbox_messages: OutboxMessagesTable;
  confirmation_sends: ConfirmationSendsTable;
  reports: ReportsTable;
  plans: PlansTable;
  plan_shares: PlanSharesTable;
  alerts: AlertsTable;
  deliveries: DeliveriesTable;
  meta: MetaTable;
  incidents: IncidentsTable;
  incident_reports: IncidentReportsTable;
  incident_events: IncidentEventsTable;
  incident_alerts: IncidentAlertsTable;
  responders: RespondersTable;
  shifts: ShiftsTable;
  dispatches: DispatchesTable;
  photos: PhotosTable;
  report_follow_ups: ReportFollowUpsTable;
}

/** A question staff texted a reporter, and the answer; open for a day. */
export interface ReportFollowUpsTable {
  id: string;
  report_id: string;
  /** Blind index of the reporter's number, to match the answer texted back. */
  reply_index: string;
  question_enc: string;
  answer_enc: string | null;
  asked_by: string | null;
  asked_at: string;
  answered_at: string | null;
  expires_at: string;
}

/** What staff track: one or more reports of the same activity. */
export interface IncidentsTable {
  id: string;
  /** An IncidentStatus from @aviso/core. */
  status: string;
  /** JSON array of the areas its reports fall in. */
  area_ids: string;
  /** H3 cell of the centroid (coarse; for dispatch and the map). */
  cell: string;
  /** "lat,lng" of the reports' centroid, sealed. */
  centroid_enc: string;
  first_seen_at: string;
  last_seen_at: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface IncidentReportsTable {
  report_id: string;
  incident_id: string;
  added_by: string | null;
  added_at: string;
}

/** Alerts composed from an incident. */
export interface IncidentAlertsTable {
  incident_id: string;
  alert_id: string;
  linked_by: string | null;
  linked_at: string;
}

/** One line of an incident's timeline. */
export interface IncidentEventsTable {
  id: string;
  incident_id: string;
  position: number;
  at: string;
  actor_id: string | null;
  actor_role: string | null;
  /** created, merged, status, dispatched, dispatch, escalated, note, alert */
  kind: string;
  from_status: string | null;
  to_status: string | null;
  /** Words a person wrote (a note), sealed; structured details as sealed JSON. */
  detail_enc: string | null;
}

/** A staff member who goes and checks reports. */
export interface RespondersTable {
  user_id: string;
  available: number;
  /** E.164 for verification requests by SMS, sealed. */
  phone_enc: string | null;
  /** A web push subscription's JSON, sealed. */
  push_enc: string | null;
  updated_at: string;
}

export interface ShiftsTable {
  id: string;
  user_id: string;
  /** JSON array of area ids the responder covers. */
  area_ids: string;
  starts_at: string;
  ends_at: string;
  created_by: string | null;
  created_at: string;
}

/** One verification request to one responder. */
export interface DispatchesTable {
  id: string;
  incident_id: string;
  responder_id: string;
  /** asked, accepted, declined, on_the_way, arrived, done, expired, withdrawn */
  status: string;
  /** 1 for the dispatcher's first ask; escalation asks the next wave. */
  wave: number;
  /** Rings between the responder's nearest shift area and the incident's cell. */
  distance: number | null;
  /** confirmed, not_found, unable */
  outcome: string | null;
  note_enc: string | null;
  asked_by: string | null;
  asked_at: string;
  updated_at: string;
}

/** A photo with its metadata stripped, re-encoded as JPEG and sealed. */
export interface PhotosTable {
  id: string;
  /** report or dispatch */
  owner_type: string;
  owner_id: string;
  image_enc: string;
  bytes: number;
  created_at: string;
}
