import { api } from "./api.ts";

/** This browser's push subscription, after asking for permission. */
export async function pushSubscription(
  refusal = "This browser cannot receive notifications. Choose text message or email.",
): Promise<string> {
  if (!("serviceWorker" in navigator) || !("PushManager" in window)) throw new Error(refusal);
  const registration = await navigator.serviceWorker.register("/sw.js");
  await navigator.serviceWorker.ready;
  if ((await Notification.requestPermission()) !== "granted")
    throw new Error(
      "Notifications are blocked for this site. Allow them in the browser's settings.",
    );
  const { publicKey } = await api<{ publicKey: string }>("/api/push/public-key");
  const key = Uint8Array.from(atob(publicKey.replace(/-/g, "+").replace(/_/g, "/")), (c) =>
    c.charCodeAt(0),
  );
  const subscription = await registration.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: key,
  });
  return JSON.stringify(subscription.toJSON());
}
