// Settings of one reference monitor. Copy, fill in, flash; nothing here is secret except the Wi-Fi password
// (the device key is made on first boot and kept in NVS, see chargex_monitor.ino).
#pragma once

// Network and bridge.
#define WIFI_SSID "your-ssid"
#define WIFI_PASSWORD "your-password"
// POST endpoint of the bridge's HTTPS ingest (bridge setting https.port, default 8443).
#define BRIDGE_URL "https://192.168.1.10:8443/v1/batches"
// The bridge's self-signed certificate: <bridge dataDir>/tls-cert.pem, pasted whole. The monitor trusts only it.
static const char BRIDGE_CA_CERT[] = R"PEM(
-----BEGIN CERTIFICATE-----
paste the bridge's tls-cert.pem here
-----END CERTIFICATE-----
)PEM";
#define NTP_SERVER "pool.ntp.org"

// Identity: the id registered in telemetry (1-64 of A-Z a-z 0-9 . _ : -).
#define DEVICE_ID "esp32-monitor-0001"

// Sampling and batching: one reading per SAMPLE_INTERVAL_MS, a signed batch per BATCH_READINGS readings.
#define SAMPLE_INTERVAL_MS 1000
#define BATCH_READINGS 10
// Signed batches kept while the bridge is unreachable (about 0.6 KB each); the oldest is dropped when full.
#define FRAME_BUFFER_SLOTS 48

// Pack: four cells in series, each tap through a divider into an ADC1 pin (ADC2 is unusable with Wi-Fi on).
#define CELL_COUNT 4
static const int CELL_TAP_PINS[CELL_COUNT] = {36, 39, 34, 35};
// Tap voltage = pin voltage x ratio (e.g. 100k/27k dividers: 4.7, for the 4S top tap at 14.6 V max).
static const float CELL_TAP_RATIO[CELL_COUNT] = {1.5f, 2.7f, 3.9f, 4.7f};
#define PACK_CAPACITY_AH 50.0f

// Current: INA219 across an external 75 mV / 100 A shunt (0.75 milliohm), I2C on the default pins 21/22.
#define SHUNT_MILLIOHM 0.75f
// +1 if current into the pack (charging) gives a positive shunt voltage with your wiring, else -1.
#define CURRENT_SIGN 1

// Temperatures: DS18B20 probes on one 1-Wire bus (4.7k pull-up to 3.3 V).
#define ONE_WIRE_PIN 4
#define MAX_PROBES 4

// GPS: NEO-6M on UART2.
#define GPS_RX_PIN 16
#define GPS_TX_PIN 17
#define GPS_BAUD 9600
