/**
 * Every column holding field ciphertext, with the context it was sealed under. Key rotation
 * walks this list; a module that adds an encrypted column adds it here (a test checks that
 * every `*_enc` column in the schema is listed).
 */
export const ENCRYPTED_COLUMNS = [
  { table: "staff_users", key: "id", column: "email_enc", context: "staff_users.email" },
  { table: "staff_users", key: "id", column: "name_enc", context: "staff_users.name" },
  {
    table: "staff_users",
    key: "id",
    column: "totp_secret_enc",
    context: "staff_users.totp_secret",
  },
  { table: "subscribers", key: "id", column: "contact_enc", context: "subscribers.contact" },
  { table: "reports", key: "id", column: "details_enc", context: "reports.details" },
  { table: "reports", key: "id", column: "location_enc", context: "reports.location" },
  { table: "reports", key: "id", column: "reply_enc", context: "reports.reply" },
  { table: "incidents", key: "id", column: "centroid_enc", context: "incidents.centroid" },
  {
    table: "incident_events",
    key: "id",
    column: "detail_enc",
    context: "incident_events.detail",
  },
  { table: "responders", key: "user_id", column: "phone_enc", context: "responders.phone" },
  { table: "responders", key: "user_id", column: "push_enc", context: "responders.push" },
  { table: "dispatches", key: "id", column: "note_enc", context: "dispatches.note" },
  { table: "photos", key: "id", column: "image_enc", context: "photos.image" },
  {
    table: "report_follow_ups",
    key: "id",
    column: "question_enc",
    context: "report_follow_ups.question",
  },
  {
    table: "report_follow_ups",
    key: "id",
    column: "answer_enc",
    context: "report_follow_ups.answer",
  },
  { table: "outbox_messages", key: "id", column: "to_enc", context: "outbox_messages.to" },
  { table: "outbox_messages", key: "id", column: "body_enc", context: "outbox_messages.body" },
  {
    table: "meta",
    key: "key",
    column: "value",
    context: "meta.key_check",
    where: { column: "key", value: "key_check" },
  },
  {
    table: "meta",
    key: "key",
    column: "value",
    context: "meta.alert_signing_key",
    where: { column: "key", value: "alert_signing_key" },
  },
  {
    table: "meta",
    key: "key",
    column: "value",
    context: "meta.vapid_private_key",
    where: { column: "key", value: "vapid_private_key" },
  },
] as const;

export type EncryptedColumn = (typeof ENCRYPTED_COLUMNS)[number];
