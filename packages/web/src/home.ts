import type { AreaSummary } from "@aviso/core";
import "./styles.css";

/**
 * The home page is static HTML filled in by the server; this only lists the community areas.
 * No framework: the page stays a few kilobytes for a cheap phone on a slow network.
 */
async function listAreas(): Promise<void> {
  const list = document.querySelector<HTMLUListElement>('[data-testid="area-list"]');
  const status = document.getElementById("areas-status");
  if (!list || !status) return;
  try {
    const response = await fetch("/api/areas?kind=community-area", {
      headers: { accept: "application/json" },
    });
    if (!response.ok) throw new Error(`the server answered ${response.status}`);
    const { areas } = (await response.json()) as { areas: AreaSummary[] };
    list.replaceChildren(
      ...areas.map((area) => {
        const item = document.createElement("li");
        item.textContent = area.name;
        return item;
      }),
    );
    status.textContent = `${areas.length} Chicago community areas.`;
  } catch (error) {
    status.textContent = `Could not load the areas (${(error as Error).message}).`;
  }
}

void listAreas();
