import { useEffect, useMemo, useRef } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { mapTiles } from '../../environment';
import { navigate } from 'wouter/use-browser-location';
import { STATUS_LABELS, type FleetRow } from './fleet-rows';

/** Status colours read from the theme, so markers follow light and dark. */
const STATUS_COLOUR_VARS: Record<FleetRow['status'], string> = {
  available: '--color-success',
  leased: '--color-info',
  attention: '--color-danger',
  offline: '--color-text-muted',
};
/** Where the map looks when no battery has reported a position (central Europe). */
const DEFAULT_VIEW: [number, number] = [47.4, 8.5];

/**
 * The batteries on a Leaflet map at their last GPS position, coloured by status; a marker opens the battery.
 * Tiles come from the deployment's tile source; without one the map shows positions on a plain background.
 */
export function FleetMap({ rows }: { rows: FleetRow[] }) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | undefined>(undefined);
  const layer = useRef<L.LayerGroup | undefined>(undefined);
  const placed = useMemo(() => rows.filter((row) => row.position), [rows]);

  useEffect(() => {
    const created = L.map(container.current!, { center: DEFAULT_VIEW, zoom: 5, attributionControl: true });
    const tiles = mapTiles();
    if (tiles) L.tileLayer(tiles.url, { attribution: tiles.attribution, maxZoom: 19 }).addTo(created);
    layer.current = L.layerGroup().addTo(created);
    map.current = created;
    return () => {
      created.remove();
      map.current = undefined;
    };
  }, []);

  useEffect(() => {
    const group = layer.current;
    const current = map.current;
    if (!group || !current) return;
    group.clearLayers();
    const styles = getComputedStyle(document.documentElement);
    for (const row of placed) {
      const colour = styles.getPropertyValue(STATUS_COLOUR_VARS[row.status]).trim();
      L.circleMarker([row.position!.lat, row.position!.lon], { radius: 9, color: colour, fillColor: colour, fillOpacity: 0.8, weight: 2 })
        .bindTooltip(`${row.serial}: ${STATUS_LABELS[row.status]}${row.socPercent === undefined ? '' : `, ${row.socPercent.toFixed(0)} %`}`)
        .on('click', () => navigate(`/batteries/${row.tokenId}`))
        .addTo(group);
    }
    if (placed.length > 0) current.fitBounds(L.latLngBounds(placed.map((row) => [row.position!.lat, row.position!.lon])), { maxZoom: 14, padding: [24, 24] });
  }, [placed]);

  return (
    <div className="fleet-map-frame">
      <div ref={container} className="fleet-map" role="region" aria-label="Map of battery positions" data-testid="fleet-map" data-markers={placed.length} />
      {placed.length === 0 && <p className="fleet-map__note">No battery has reported a position yet.</p>}
    </div>
  );
}
