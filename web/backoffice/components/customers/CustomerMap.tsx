import "leaflet/dist/leaflet.css";
import { Icon, type Map as LeafletMap, type Marker as LeafletMarker, type LeafletMouseEvent } from "leaflet";
import markerIconUrl from "leaflet/dist/images/marker-icon.png";
import markerIcon2xUrl from "leaflet/dist/images/marker-icon-2x.png";
import markerShadowUrl from "leaflet/dist/images/marker-shadow.png";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { MapContainer, Marker, TileLayer, useMap, useMapEvents, ZoomControl } from "react-leaflet";
import type { MapSettings } from "../../lib/customers";

/**
 * Leaflet's default marker, with image URLs that Vite resolves. Leaflet otherwise guesses them
 * from its CSS file's location, which a bundled build does not keep.
 */
const markerIcon = new Icon({
  iconUrl: markerIconUrl,
  iconRetinaUrl: markerIcon2xUrl,
  shadowUrl: markerShadowUrl,
  iconSize: [25, 41],
  iconAnchor: [12, 41],
  shadowSize: [41, 41],
});

export interface Position {
  latitude: number;
  longitude: number;
}

/** Zoom level that shows a placed pin among its streets. */
const PIN_ZOOM = 16;

interface CustomerMapProps {
  settings: MapSettings;
  /** The pin, or null when the customer is not placed yet. */
  position: Position | null;
  /** Center of the map when there is no pin, such as the business unit's address. */
  fallbackCenter: Position | null;
  /** False shows the pin without letting it move. */
  editable: boolean;
  /** Accessible name of the map. */
  label: string;
  /** Id of the text that explains how to use the map. */
  describedBy: string;
  onMove: (position: Position) => void;
}

/**
 * Renders the customer's pin on a Leaflet map. Clicking the map or dragging the pin reports the
 * new position; the caller decides when to save it.
 */
export function CustomerMap({
  settings,
  position,
  fallbackCenter,
  editable,
  label,
  describedBy,
  onMove,
}: CustomerMapProps) {
  const { t } = useTranslation("customers");
  const markerRef = useRef<LeafletMarker | null>(null);

  // Computed once, because MapContainer applies the center and zoom only when it is created.
  const [[initialCenter, initialZoom]] = useState((): [[number, number], number] => {
    if (position) {
      return [[position.latitude, position.longitude], PIN_ZOOM];
    }
    if (fallbackCenter) {
      return [[fallbackCenter.latitude, fallbackCenter.longitude], 12];
    }
    return [[20, 0], 2];
  });

  const markerHandlers = useMemo(
    () => ({
      dragend: () => {
        const latLng = markerRef.current?.getLatLng();
        if (latLng) {
          onMove({ latitude: latLng.lat, longitude: latLng.lng });
        }
      },
    }),
    [onMove],
  );

  return (
    <MapContainer
      ref={(map: LeafletMap | null) => {
        // MapContainer takes no ARIA props, so the container gets them once Leaflet has created it.
        if (map) {
          const container = map.getContainer();
          container.setAttribute("role", "region");
          container.setAttribute("aria-label", label);
          container.setAttribute("aria-describedby", describedBy);
        }
      }}
      center={initialCenter}
      zoom={initialZoom}
      zoomControl={false}
      scrollWheelZoom={false}
      style={{ height: "min(50vh, 360px)", width: "100%", borderRadius: "var(--mantine-radius-sm)" }}
    >
      <TileLayer url={settings.tileUrl} attribution={settings.attribution} />
      <ZoomControl
        position="topright"
        zoomInTitle={t("location.zoomIn")}
        zoomOutTitle={t("location.zoomOut")}
      />
      {editable && <ClickToMove onMove={onMove} />}
      <FollowPosition position={position} />
      {position && (
        <Marker
          ref={markerRef}
          position={[position.latitude, position.longitude]}
          icon={markerIcon}
          draggable={editable}
          autoPan
          title={t("location.pinTitle")}
          alt={t("location.pinTitle")}
          eventHandlers={markerHandlers}
        />
      )}
    </MapContainer>
  );
}

function ClickToMove({ onMove }: { onMove: (position: Position) => void }) {
  useMapEvents({
    click: (event: LeafletMouseEvent) => onMove({ latitude: event.latlng.lat, longitude: event.latlng.lng }),
  });
  return null;
}

/** Pans the map to a pin placed from outside it, such as typed coordinates or an address found. */
function FollowPosition({ position }: { position: Position | null }) {
  const map = useMap();
  useEffect(() => {
    if (!position) {
      return;
    }
    const latLng: [number, number] = [position.latitude, position.longitude];
    if (!map.getBounds().contains(latLng)) {
      map.setView(latLng, Math.max(map.getZoom(), PIN_ZOOM));
    }
  }, [map, position]);
  return null;
}
