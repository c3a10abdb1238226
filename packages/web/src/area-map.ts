import type { OutlineMap } from "@aviso/core";
import { api } from "./api.ts";

const SVG = "http://www.w3.org/2000/svg";

/** Chicago's community areas as outlines (no tiles, nothing fetched from anyone else). */
export const loadOutlines = () => api<OutlineMap>("/api/areas/outlines?kind=community-area");

/**
 * Draws the outlines into `holder`. With `onToggle`, each area is a keyboard-operable
 * checkbox (tap, or Enter/Space on a focused area). With `onPin`, a tap drops a pin and gives
 * its latitude and longitude (for a pin, "use my location" and a typed place are the keyboard
 * ways).
 */
export function drawOutlines(
  holder: HTMLElement,
  map: OutlineMap,
  options: {
    label: string;
    onToggle?: (id: string, chosen: boolean) => void;
    onPin?: (point: { lat: number; lng: number }) => void;
  },
): { pin(point: { lat: number; lng: number } | undefined): void } {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", map.viewBox);
  svg.setAttribute("role", "group");
  svg.setAttribute("aria-label", options.label);
  for (const area of map.areas) {
    const path = document.createElementNS(SVG, "path");
    path.setAttribute("d", area.d);
    path.setAttribute("class", "map-area");
    const title = document.createElementNS(SVG, "title");
    title.textContent = area.name;
    path.append(title);
    if (options.onToggle) {
      const onToggle = options.onToggle;
      path.setAttribute("tabindex", "0");
      path.setAttribute("role", "checkbox");
      path.setAttribute("aria-checked", "false");
      path.setAttribute("aria-label", area.name);
      const toggle = () => {
        const chosen = path.getAttribute("aria-checked") !== "true";
        path.setAttribute("aria-checked", String(chosen));
        onToggle(area.id, chosen);
      };
      path.addEventListener("click", toggle);
      path.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          toggle();
        }
      });
    }
    svg.append(path);
  }
  const marker = document.createElementNS(SVG, "circle");
  marker.setAttribute("r", "9");
  marker.setAttribute("class", "map-pin");
  const { west, north, xPerDegree, yPerDegree } = map.projection;
  const pin = (point: { lat: number; lng: number } | undefined) => {
    if (!point) {
      marker.remove();
      return;
    }
    marker.setAttribute("cx", String((point.lng - west) * xPerDegree));
    marker.setAttribute("cy", String((north - point.lat) * yPerDegree));
    svg.append(marker);
  };
  if (options.onPin) {
    const onPin = options.onPin;
    svg.addEventListener("click", (event) => {
      const matrix = svg.getScreenCTM();
      if (!matrix) return;
      const at = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
      const point = {
        lat: Math.round((north - at.y / yPerDegree) * 1e6) / 1e6,
        lng: Math.round((west + at.x / xPerDegree) * 1e6) / 1e6,
      };
      pin(point);
      onPin(point);
    });
  }
  holder.replaceChildren(svg);
  return { pin };
}
