import type { OutlineMap } from "@aviso/core";
import { isInRing } from "@aviso/core/rings";
import type {
  FillLayerSpecification,
  GeoJSONSource,
  GeoJSONSourceSpecification,
  LineLayerSpecification,
  Map as MapLibreMap,
  Popup,
  StyleSpecification,
} from "maplibre-gl";

import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, api } from "../api.ts";
import { loadOutlines } from "../area-map.ts";
import { formatDateTime } from "../site.ts";
import { useLoad } from "../use-load.ts";
import { useLive } from "./use-live.ts";
import "./incident-map.css";

export interface MapIncident {
  id: string;
  status: string;
  lat: number;
  lng: number;
  title: string;
  reportCount: number;
}

export interface MapResponder {
  id: string;
  name: string;
  lat: number;
  lng: number;
}

export interface IncidentMapProps {
  incidents: MapIncident[];
  responders: MapResponder[];
  onSelectIncident?: (id: string) => void;
  selectedId?: string | null;
}

/** Each incident status with its colour on the map and in the legend (unknown ones are grey). */
export const STATUS_STYLES: { status: string; label: string; colour: string }[] = [
  { status: "reported", label: "Reported", colour: "#e66100" },
  { status: "dispatched", label: "Dispatched", colour: "#7b3294" },
  { status: "verifying", label: "Verifying", colour: "#1f78b4" },
  { status: "confirmed", label: "Confirmed", colour: "#b2182b" },
  { status: "unconfirmed", label: "Unconfirmed", colour: "#8c7a00" },
  { status: "false_report", label: "False report", colour: "#6b6b6b" },
  { status: "closed", label: "Closed", colour: "#9e9e9e" },
  { status: "reopened", label: "Reopened", colour: "#d01c8b" },
];
const OTHER_COLOUR = "#555555";
const RESPONDER_COLOUR = "#00897b";
const statusLabel = (status: string) =>
  STATUS_STYLES.find((s) => s.status === status)?.label ?? status.replace(/_/g, " ");
const statusColour = (status: string) =>
  STATUS_STYLES.find((s) => s.status === status)?.colour ?? OTHER_COLOUR;

type Position = [number, number];
interface AreaFeature {
  type: "Feature";
  properties: { id: string; name: string };
  geometry: { type: "MultiPolygon"; coordinates: Position[][][] };
}

const isInside = (ring: Position[], point: Position) => isInRing(point, ring);

/** Rings → polygons: a ring inside an odd number of others is a hole of the nearest outer ring. */
function toPolygons(rings: Position[][]): Position[][][] {
  const depth = rings.map(
    (ring, i) =>
      rings.filter((other, j) => j !== i && ring[0] !== undefined && isInside(other, ring[0]))
        .length,
  );
  const polygons = new Map<number, Position[][]>();
  rings.forEach((ring, i) => {
    if ((depth[i] ?? 0) % 2 === 0) polygons.set(i, [ring]);
  });
  rings.forEach((ring, i) => {
    const level = depth[i] ?? 0;
    if (level % 2 === 0 || ring[0] === undefined) return;
    const start = ring[0];
    const outer = [...polygons.keys()].find(
      (j) => depth[j] === level - 1 && isInside(rings[j] ?? [], start),
    );
    if (outer !== undefined) polygons.get(outer)?.push(ring);
  });
  return [...polygons.values()];
}

/**
 * `/api/areas/outlines` draws areas as SVG paths in a view box (for the tile-free sign-up map);
 * MapLibre wants GeoJSON in degrees. Undoes the projection: lng = west + x / xPerDegree,
 * lat = north − y / yPerDegree. Also gives the bounds, to fit the map to the areas.
 */
export function outlinesToGeoJson(outlines: OutlineMap): {
  areas: { type: "FeatureCollection"; features: AreaFeature[] };
  bounds: [Position, Position];
} {
  const { west, north, xPerDegree, yPerDegree } = outlines.projection;
  const toDegrees = (x: number, y: number): Position => [
    west + x / xPerDegree,
    north - y / yPerDegree,
  ];
  const features = outlines.areas.map((area): AreaFeature => {
    const rings = area.d
      .split("M")
      .filter((part) => part.trim() !== "")
      .map((part) => {
        const ring = part
          .replace(/Z\s*$/i, "")
          .split("L")
          .map((pair) => {
            const [x = 0, y = 0] = pair.trim().split(/\s+/).map(Number);
            return toDegrees(x, y);
          });
        const first = ring[0];
        if (first) ring.push(first);
        return ring;
      })
      .filter((ring) => ring.length >= 4);
    return {
      type: "Feature",
      properties: { id: area.id, name: area.name },
      geometry: { type: "MultiPolygon", coordinates: toPolygons(rings) },
    };
  });
  const [, , width = 0, height = 0] = outlines.viewBox.split(/\s+/).map(Number);
  const east = west + width / xPerDegree;
  const south = north - height / yPerDegree;
  return {
    areas: { type: "FeatureCollection", features },
    bounds: [
      [west, south],
      [east, north],
    ],
  };
}

const incidentData = (incidents: MapIncident[]): GeoJSONSourceSpecification["data"] => ({
  type: "FeatureCollection",
  features: incidents.map((incident) => ({
    type: "Feature",
    properties: { id: incident.id, status: incident.status, colour: statusColour(incident.status) },
    geometry: { type: "Point", coordinates: [incident.lng, incident.lat] },
  })),
});

const responderData = (responders: MapResponder[]): GeoJSONSourceSpecification["data"] => ({
  type: "FeatureCollection",
  features: responders.map((responder) => ({
    type: "Feature",
    properties: { id: responder.id },
    geometry: { type: "Point", coordinates: [responder.lng, responder.lat] },
  })),
});

/**
 * A few layers for the source-layer names of the Protomaps basemap (earth, water, landuse, roads).
 * Only those the file lists are added (`basemapLayers`), so another schema just draws less.
 */
const BASEMAP_LAYERS: (FillLayerSpecification | LineLayerSpecification)[] = [
  {
    id: "basemap-earth",
    type: "fill",
    source: "basemap",
    "source-layer": "earth",
    paint: { "fill-color": "#f4f1ea" },
  },
  {
    id: "basemap-parks",
    type: "fill",
    source: "basemap",
    "source-layer": "landuse",
    filter: ["in", ["get", "kind"], ["literal", ["park", "cemetery", "golf_course", "forest"]]],
    paint: { "fill-color": "#dcebd4" },
  },
  {
    id: "basemap-water",
    type: "fill",
    source: "basemap",
    "source-layer": "water",
    filter: ["==", ["geometry-type"], "Polygon"],
    paint: { "fill-color": "#b7d3e8" },
  },
  {
    id: "basemap-roads",
    type: "line",
    source: "basemap",
    "source-layer": "roads",
    filter: ["in", ["get", "kind"], ["literal", ["highway", "major_road", "minor_road"]]],
    paint: {
      "line-color": ["match", ["get", "kind"], "highway", "#f0c987", "#ffffff"],
      "line-width": [
        "interpolate",
        ["exponential", 1.6],
        ["zoom"],
        10,
        ["match", ["get", "kind"], "highway", 1.2, "major_road", 0.6, 0.2],
        16,
        ["match", ["get", "kind"], "highway", 8, "major_road", 6, 3],
      ],
    },
  },
];

interface Basemap {
  url: string;
  layers: (FillLayerSpecification | LineLayerSpecification)[];
}

function mapStyle(
  areas: ReturnType<typeof outlinesToGeoJson>["areas"],
  basemap: Basemap | null,
  pins: { incidents: MapIncident[]; responders: MapResponder[] },
): StyleSpecification {
  const hasBasemap = basemap !== null;
  return {
    version: 8,
    // No glyphs and no sprite: nothing is fetched for text or icons, so names go in popups and lists.
    sources: {
      ...(hasBasemap ? { basemap: { type: "vector", url: `pmtiles://${basemap.url}` } } : {}),
      areas: { type: "geojson", data: areas },
      incidents: { type: "geojson", data: incidentData(pins.incidents) },
      responders: { type: "geojson", data: responderData(pins.responders) },
    },
    layers: [
      { id: "background", type: "background", paint: { "background-color": "#dfe6ec" } },
      ...(hasBasemap ? basemap.layers : []),
      {
        id: "area-fill",
        type: "fill",
        source: "areas",
        paint: hasBasemap
          ? { "fill-color": "#0b5cad", "fill-opacity": 0.06 }
          : { "fill-color": "#fbfaf7", "fill-opacity": 1 },
      },
      {
        id: "area-line",
        type: "line",
        source: "areas",
        paint: {
          "line-color": "#6b7280",
          "line-width": ["interpolate", ["linear"], ["zoom"], 9, 0.6, 14, 2],
        },
      },
      {
        id: "responders",
        type: "symbol",
        source: "responders",
        layout: {
          "icon-image": "responder",
          "icon-allow-overlap": true,
          "icon-ignore-placement": true,
        },
      },
      {
        id: "incident-selected",
        type: "circle",
        source: "incidents",
        filter: ["==", ["get", "id"], ""],
        paint: {
          "circle-radius": 14,
          "circle-color": "rgba(0, 0, 0, 0)",
          "circle-stroke-color": "#1b1b1f",
          "circle-stroke-width": 3,
        },
      },
      {
        id: "incidents",
        type: "circle",
        source: "incidents",
        paint: {
          "circle-radius": ["interpolate", ["linear"], ["zoom"], 9, 6, 15, 10],
          "circle-color": ["get", "colour"],
          "circle-stroke-color": "#ffffff",
          "circle-stroke-width": 2,
        },
      },
    ],
  };
}

/** The responders' marker: a diamond drawn here, since the style has no sprite to fetch. */
function responderIcon(): ImageData | undefined {
  const size = 36;
  const context = document.createElement("canvas").getContext("2d");
  if (!context) return undefined;
  context.canvas.width = size;
  context.canvas.height = size;
  context.beginPath();
  context.moveTo(size / 2, 3);
  context.lineTo(size - 3, size / 2);
  context.lineTo(size / 2, size - 3);
  context.lineTo(3, size / 2);
  context.closePath();
  context.fillStyle = RESPONDER_COLOUR;
  context.fill();
  context.lineWidth = 4;
  context.strokeStyle = "#ffffff";
  context.stroke();
  return context.getImageData(0, 0, size, size);
}

type MapLibre = typeof import("maplibre-gl");
let loading: Promise<MapLibre> | undefined;

/** MapLibre, its stylesheet and its worker, loaded on first use so the console stays small. */
function loadMapLibre(): Promise<MapLibre> {
  loading ??= Promise.all([
    import("maplibre-gl"),
    import("maplibre-gl/dist/maplibre-gl-worker.mjs?url"),
    import("maplibre-gl/dist/maplibre-gl.css"),
  ]).then(([maplibre, worker]) => {
    // Bundled, MapLibre cannot find its worker beside itself: point it at the emitted file.
    maplibre.setWorkerUrl(worker.default);
    return maplibre;
  });
  return loading;
}

type PmtilesProtocol = InstanceType<typeof import("pmtiles")["Protocol"]>;
let protocol: Promise<PmtilesProtocol> | undefined;

/**
 * Registers `pmtiles://` once (the basemap is read from our own server by byte ranges), opens the
 * archive and keeps the layers for the source layers it lists: MapLibre reports every style layer
 * naming a source layer the file does not have.
 */
async function openBasemap(maplibre: MapLibre, url: string): Promise<Basemap> {
  const { PMTiles, Protocol } = await import("pmtiles");
  protocol ??= Promise.resolve().then(() => {
    const created = new Protocol({ metadata: true });
    maplibre.addProtocol("pmtiles", created.tile);
    return created;
  });
  const archive = new PMTiles(url);
  (await protocol).add(archive);
  const metadata = (await archive.getMetadata()) as { vector_layers?: { id?: unknown }[] };
  const listed = metadata.vector_layers?.map((layer) => layer.id);
  return {
    url,
    layers: BASEMAP_LAYERS.filter((layer) => !listed || listed.includes(layer["source-layer"])),
  };
}

/** Where the self-hosted basemap is, or null (none configured, or the server does not offer one). */
async function basemapUrl(signal: AbortSignal): Promise<string | null> {
  try {
    const { url } = await api<{ url: string | null }>("/api/basemap", { signal });
    return url === null ? null : new URL(url, window.location.origin).href;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

function popupContent(title: string, lines: string[]): HTMLElement {
  const holder = document.createElement("div");
  const heading = document.createElement("strong");
  heading.textContent = title;
  holder.append(heading);
  for (const line of lines) {
    const p = document.createElement("p");
    p.textContent = line;
    holder.append(p);
  }
  return holder;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

const reportsText = (count: number) => (count === 1 ? "1 report" : `${count} reports`);

/**
 * The areas with incidents (coloured by status) and available responders, on MapLibre with a
 * fully local style: the area outlines, and a self-hosted PMTiles basemap when one is configured.
 * The canvas is not accessible, so the incidents are also a list of buttons beside it.
 */
export function IncidentMap({
  incidents,
  responders,
  onSelectIncident,
  selectedId,
}: IncidentMapProps) {
  const container = useRef<HTMLElement>(null);
  const mapRef = useRef<{ map: MapLibreMap; maplibre: MapLibre; popup?: Popup }>(undefined);
  const [state, setState] = useState<"loading" | "ready" | "failed">("loading");
  const [problem, setProblem] = useState("");
  const [ownSelection, setOwnSelection] = useState<string | null>(null);
  const active = selectedId === undefined ? ownSelection : selectedId;
  const latest = useRef({ incidents, responders, onSelectIncident });
  latest.current = { incidents, responders, onSelectIncident };

  const select = useCallback((id: string) => {
    setOwnSelection(id);
    latest.current.onSelectIncident?.(id);
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    let map: MapLibreMap | undefined;
    (async () => {
      const [maplibre, outlines, url] = await Promise.all([
        loadMapLibre(),
        loadOutlines(),
        basemapUrl(controller.signal),
      ]);
      let basemap: Basemap | null = null;
      if (url) {
        basemap = await openBasemap(maplibre, url).catch((error: unknown) => {
          setProblem(
            `The basemap could not be read (${messageOf(error)}); showing the areas alone.`,
          );
          return null;
        });
      }
      if (controller.signal.aborted || !container.current) return;
      const { areas, bounds } = outlinesToGeoJson(outlines);
      map = new maplibre.Map({
        container: container.current,
        style: mapStyle(areas, basemap, latest.current),
        bounds,
        fitBoundsOptions: { padding: 16 },
        attributionControl: basemap ? { compact: true } : false,
        dragRotate: false,
        pitchWithRotate: false,
        renderWorldCopies: false,
        locale: { "Map.Title": "Map of incidents and responders" },
      });
      const current = map;
      mapRef.current = { map: current, maplibre };
      current.addControl(new maplibre.NavigationControl({ showCompass: false }), "top-right");
      const icon = responderIcon();
      if (icon) current.addImage("responder", icon, { pixelRatio: 2 });
      current.on("error", (event) => {
        setProblem(`Part of the map could not be drawn: ${event.error.message}`);
      });
      current.on("click", "incidents", (event) => {
        const id = event.features?.[0]?.properties?.id;
        if (typeof id === "string") select(id);
      });
      current.on("click", "responders", (event) => {
        const id = event.features?.[0]?.properties?.id;
        const responder = latest.current.responders.find((r) => r.id === id);
        if (!responder) return;
        mapRef.current?.popup?.remove();
        const popup = new maplibre.Popup({ focusAfterOpen: false, offset: 12 })
          .setLngLat([responder.lng, responder.lat])
          .setDOMContent(popupContent(responder.name, ["Available responder"]))
          .addTo(current);
        if (mapRef.current) mapRef.current.popup = popup;
      });
      for (const layer of ["incidents", "responders"]) {
        current.on("mouseenter", layer, () => {
          current.getCanvas().style.cursor = "pointer";
        });
        current.on("mouseleave", layer, () => {
          current.getCanvas().style.cursor = "";
        });
      }
      // Ready once drawn: every source loaded and nothing moving, not merely the style parsed.
      current.once("idle", () => setState("ready"));
    })().catch((error: unknown) => {
      if (controller.signal.aborted) return;
      setState("failed");
      setProblem(`The map could not be drawn (${messageOf(error)}). The list has every incident.`);
    });
    return () => {
      controller.abort();
      map?.remove();
      mapRef.current = undefined;
    };
  }, [select]);

  useEffect(() => {
    if (state !== "ready" || !mapRef.current) return;
    const { map } = mapRef.current;
    map.getSource<GeoJSONSource>("incidents")?.setData(incidentData(incidents));
    map.getSource<GeoJSONSource>("responders")?.setData(responderData(responders));
  }, [state, incidents, responders]);

  useEffect(() => {
    if (state !== "ready" || !mapRef.current) return;
    const { map, maplibre } = mapRef.current;
    map.setFilter("incident-selected", ["==", ["get", "id"], active ?? ""]);
    mapRef.current.popup?.remove();
    const incident = latest.current.incidents.find((i) => i.id === active);
    if (!incident) return;
    const at: Position = [incident.lng, incident.lat];
    if (!map.getBounds().contains(at)) map.easeTo({ center: at });
    mapRef.current.popup = new maplibre.Popup({ focusAfterOpen: false, offset: 14 })
      .setLngLat(at)
      .setDOMContent(
        popupContent(incident.title, [
          statusLabel(incident.status),
          reportsText(incident.reportCount),
        ]),
      )
      .addTo(map);
  }, [state, active]);

  return (
    <div className="incident-map">
      <div className="incident-map-canvas">
        <section
          ref={container}
          className="incident-map-view"
          aria-label="Map of the areas, incidents and available responders"
          data-state={state}
        />
        {state === "loading" && <p aria-live="polite">Loading the map…</p>}
        {problem && <p role="status">{problem}</p>}
        <ul className="incident-map-legend" aria-label="Legend">
          {STATUS_STYLES.map((s) => (
            <li key={s.status}>
              <span className="swatch" style={{ background: s.colour }} aria-hidden="true" />
              {s.label}
            </li>
          ))}
          <li>
            <span className="swatch responder" aria-hidden="true" />
            Available responder
          </li>
        </ul>
      </div>
      <div className="incident-map-lists">
        <h3 id="incident-map-incidents">Incidents ({incidents.length})</h3>
        {incidents.length === 0 ? (
          <p>No incidents to show.</p>
        ) : (
          <ul aria-labelledby="incident-map-incidents" className="incident-map-list">
            {incidents.map((incident) => (
              <li key={incident.id}>
                <button
                  type="button"
                  aria-pressed={incident.id === active}
                  onClick={() => select(incident.id)}
                >
                  <span
                    className="swatch"
                    style={{ background: statusColour(incident.status) }}
                    aria-hidden="true"
                  />
                  <span className="title">{incident.title}</span>
                  <small>
                    {statusLabel(incident.status)} · {reportsText(incident.reportCount)}
                  </small>
                </button>
              </li>
            ))}
          </ul>
        )}
        <h3 id="incident-map-responders">Available responders ({responders.length})</h3>
        {responders.length === 0 ? (
          <p>None available.</p>
        ) : (
          <ul aria-labelledby="incident-map-responders" className="incident-map-responders">
            {responders.map((responder) => (
              <li key={responder.id}>{responder.name}</li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

interface IncidentMapData {
  incidents: MapIncident[];
  responders: MapResponder[];
}

/** `/console/map`: the incident map, redrawn when the server says something changed. */
export function IncidentMapPage() {
  const [data, reload] = useLoad(async (signal) => {
    try {
      return await api<IncidentMapData>("/api/incidents/map", { signal });
    } catch (error) {
      // Not offered by this server (yet): the areas alone.
      if (error instanceof ApiError && error.status === 404)
        return { incidents: [], responders: [] };
      throw error;
    }
  }, "incident-map");
  const [shown, setShown] = useState<{ value: IncidentMapData; at: string }>();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  useEffect(() => {
    if (data.state === "ready") setShown({ value: data.value, at: new Date().toISOString() });
  }, [data]);
  const isLive = useLive(reload, 1000);

  return (
    <section aria-labelledby="incident-map-title" className="incident-map-page">
      <h2 id="incident-map-title">Map</h2>
      {data.state === "error" && <p role="alert">{data.message}</p>}
      {!shown && data.state === "loading" && <p aria-live="polite">Loading…</p>}
      {shown && (
        <>
          <p className="hint">
            Updated {formatDateTime(shown.at)}.{" "}
            {isLive ? "Live: it changes as incidents do." : "Reconnecting…"}
          </p>
          <IncidentMap
            incidents={shown.value.incidents}
            responders={shown.value.responders}
            selectedId={selectedId}
            onSelectIncident={setSelectedId}
          />
        </>
      )}
    </section>
  );
}
