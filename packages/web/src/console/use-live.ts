import { useEffect, useRef, useState } from "react";

/**
 * Calls `onChange` whenever the server says something changed (`GET /api/events`), at most
 * once per `quietMs`, and once when the stream (re)connects so nothing missed meanwhile is
 * lost. Returns whether the stream is connected, for the page to say so.
 */
export function useLive(onChange: () => void, quietMs = 150): boolean {
  const [isConnected, setConnected] = useState(false);
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const soon = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        latest.current();
      }, quietMs);
    };
    const source = new EventSource("/api/events");
    source.onopen = () => {
      setConnected(true);
      soon();
    };
    source.onerror = () => setConnected(false);
    for (const type of ["report.created", "report.updated", "incident.updated", "dispatch.updated"])
      source.addEventListener(type, soon);
    return () => {
      source.close();
      if (timer) clearTimeout(timer);
    };
  }, [quietMs]);
  return isConnected;
}
