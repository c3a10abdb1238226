import type { AreaSummary } from "@aviso/core";

/** The area and length of a shift, as a responder starts one or a dispatcher schedules one. */
export function ShiftFields(props: {
  areas: AreaSummary[];
  areaId: string;
  onAreaId: (id: string) => void;
  hours: string;
  onHours: (hours: string) => void;
}) {
  return (
    <>
      <label>
        Area{" "}
        <select required value={props.areaId} onChange={(e) => props.onAreaId(e.target.value)}>
          <option value="">Choose…</option>
          {props.areas.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Hours{" "}
        <input
          type="number"
          min="1"
          max="24"
          value={props.hours}
          onChange={(e) => props.onHours(e.target.value)}
        />
      </label>
    </>
  );
}

/** When a shift of `hours` from now ends, as the API takes it. */
export const shiftEnd = (hours: string) =>
  new Date(Date.now() + Number(hours) * 3_600_000).toISOString();
