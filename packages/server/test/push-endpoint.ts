import {
  createDecipheriv,
  createECDH,
  createHmac,
  createPublicKey,
  randomBytes,
  verify,
} from "node:crypto";
import { readFileSync } from "node:fs";
import { Agent, createServer, type Server } from "node:https";

const b64u = (bytes: Buffer) => bytes.toString("base64url");
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
/** The local endpoint's published test certificate, trusted only by this test's agent. */
export const TLS = { cert: fixture("local-tls.crt"), key: fixture("local-tls.key") };
const hmac = (key: Buffer, data: Buffer) => createHmac("sha256", key).update(data).digest();

/**
 * A push service endpoint as a browser's would be, with the browser's own keys: it checks the
 * VAPID signature and decrypts the aes128gcm payload (RFC 8291) to what the page would show.
 */
export async function startPushEndpoint() {
  const ecdh = createECDH("prime256v1");
  const uaPublic = ecdh.generateKeys();
  const auth = randomBytes(16);
  const received: { payload: unknown; vapidValid: boolean }[] = [];
  let answer = 201;
  const server: Server = createServer(TLS, (request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      if (answer !== 201) {
        response.writeHead(answer).end();
        return;
      }
      const body = Buffer.concat(chunks);
      const salt = body.subarray(0, 16);
      const idLength = body[20] ?? 0;
      const asPublic = body.subarray(21, 21 + idLength);
      const ciphertext = body.subarray(21 + idLength);
      const secret = ecdh.computeSecret(asPublic);
      const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), uaPublic, asPublic]);
      const ikm = hmac(hmac(auth, secret), Buffer.concat([keyInfo, Buffer.from([1])]));
      const prk = hmac(salt, ikm);
      const cek = hmac(prk, Buffer.from("Content-Encoding: aes128gcm\0\x01")).subarray(0, 16);
      const nonce = hmac(prk, Buffer.from("Content-Encoding: nonce\0\x01")).subarray(0, 12);
      const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
      decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
      const padded = Buffer.concat([
        decipher.update(ciphertext.subarray(0, ciphertext.length - 16)),
        decipher.final(),
      ]);
      const plaintext = padded.subarray(0, padded.lastIndexOf(2));
      // VAPID (RFC 8292): "vapid t=<JWT>, k=<public key>", the JWT signed with ES256.
      const vapid = /^vapid t=([^,]+), k=(.+)$/.exec(request.headers.authorization ?? "");
      const [head = "", claims = "", signature = ""] = (vapid?.[1] ?? "").split(".");
      const key = createPublicKey({
        key: {
          kty: "EC",
          crv: "P-256",
          x: b64u(Buffer.from(vapid?.[2] ?? "", "base64url").subarray(1, 33)),
          y: b64u(Buffer.from(vapid?.[2] ?? "", "base64url").subarray(33, 65)),
        },
        format: "jwk",
      });
      const vapidValid = verify(
        "sha256",
        Buffer.from(`${head}.${claims}`),
        { key, dsaEncoding: "ieee-p1363" },
        Buffer.from(signature, "base64url"),
      );
      received.push({ payload: JSON.parse(plaintext.toString("utf8")), vapidValid });
      response.writeHead(201, { location: `/messages/${received.length}` }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    subscription: {
      endpoint: `https://127.0.0.1:${port}/push/browser-1`,
      keys: { p256dh: b64u(uaPublic), auth: b64u(auth) },
    },
    received,
    answerWith(status: number) {
      answer = status;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** An HTTPS agent that trusts the local endpoint's published test certificate, and nothing more. */
export const trustingAgent = () => new Agent({ ca: TLS.cert });
