import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { FieldCrypto } from "./field-crypto.ts";

describe("FieldCrypto", () => {
  it("round-trips a value and never stores it in the clear", async () => {
    const crypto = await FieldCrypto.create(randomBytes(32));
    const sealed = crypto.encrypt("+13125550123", "subscribers.contact");
    expect(sealed).toMatch(/^v1:[0-9a-f]{8}:/);
    expect(sealed).not.toContain("3125550123");
    expect(crypto.decrypt(sealed, "subscribers.contact")).toBe("+13125550123");
    // A random nonce per value: the same plaintext never gives the same ciphertext.
    expect(crypto.encrypt("+13125550123", "subscribers.contact")).not.toBe(sealed);
  });

  it("round-trips text in any script, and refuses a value cut short", async () => {
    const crypto = await FieldCrypto.create(randomBytes(32));
    const name = "Nguyễn Thị Ánh · 김민준 · مريم · 王小明";
    const sealed = crypto.encrypt(name, "staff_users.name");
    expect(crypto.decrypt(sealed, "staff_users.name")).toBe(name);
    expect(() => crypto.decrypt(sealed.slice(0, 40), "staff_users.name")).toThrow();
  });

  it("refuses a value moved to another column or altered", async () => {
    const crypto = await FieldCrypto.create(randomBytes(32));
    const sealed = crypto.encrypt("Maria", "staff_users.name");
    expect(() => crypto.decrypt(sealed, "staff_users.email")).toThrow();
    const last = sealed.at(-2) === "A" ? "B" : "A";
    expect(() =>
      crypto.decrypt(`${sealed.slice(0, -2)}${last}${sealed.at(-1)}`, "staff_users.name"),
    ).toThrow();
    expect(() => crypto.decrypt("plain text", "staff_users.name")).toThrow(
      /not an encrypted field value/,
    );
  });

  it("opens values sealed with an older key after rotation, and names a missing key", async () => {
    const oldKey = randomBytes(32);
    const before = await FieldCrypto.create(oldKey);
    const sealed = before.encrypt("case note", "cases.notes");
    const after = await FieldCrypto.create(randomBytes(32), [oldKey]);
    expect(after.keyId).not.toBe(before.keyId);
    expect(after.decrypt(sealed, "cases.notes")).toBe("case note");
    expect(FieldCrypto.keyIdOf(after.encrypt("x", "cases.notes"))).toBe(after.keyId);
    const stranger = await FieldCrypto.create(randomBytes(32));
    expect(() => stranger.decrypt(sealed, "cases.notes")).toThrow(
      `key ${before.keyId}, which is not configured`,
    );
  });

  it("gives stable blind indexes per key and context, and different ones across them", async () => {
    const key = randomBytes(32);
    const a = await FieldCrypto.create(key);
    const b = await FieldCrypto.create(key);
    const other = await FieldCrypto.create(randomBytes(32));
    const index = a.blindIndex("+13125550123", "subscribers.contact");
    expect(b.blindIndex("+13125550123", "subscribers.contact")).toBe(index);
    expect(a.blindIndex("+13125550124", "subscribers.contact")).not.toBe(index);
    expect(a.blindIndex("+13125550123", "reports.contact")).not.toBe(index);
    expect(other.blindIndex("+13125550123", "subscribers.contact")).not.toBe(index);
    expect(index).not.toContain("3125550123");
  });
});
