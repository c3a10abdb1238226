import type { AreaSummary } from "@aviso/core";
import { useState } from "react";

/**
 * The area and length of a new shift, as a responder starts one or a dispatcher schedules one:
 * the fields to show, and the shift they describe as the API takes it.
 */
export function useShiftFields(areas: AreaSummary[]) {
  const [areaId, setAreaId] = useState("");
  const [hours, setHours] = useState("4");
  return {
    fields: (
      <ShiftFields
        areas={areas}
        areaId={areaId}
        onAreaId={setAreaId}
        hours={hours}
        onHours={setHours}
      />
    ),
    shift: () => ({
      areaIds: [areaId],
      endsAt: new Date(Date.now() + Number(hours) * 3_600_000).toISOString(),
    }),
  };
}

function ShiftFields(props: {
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
