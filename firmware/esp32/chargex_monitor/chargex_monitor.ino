// ChargeX reference battery monitor: ESP32-WROOM-32 with an INA219 (pack current), DS18B20 probes, cell taps on
// the ADC and a NEO-6M GPS. Every SAMPLE_INTERVAL_MS it takes a reading; every BATCH_READINGS readings it encodes
// a batch (chargex_batch.h, the bridge's canonical encoding), signs it with the device's Ed25519 key and queues
// the frame; queued frames are posted to the bridge over HTTPS, oldest first, and kept until answered.
// Build and wiring: firmware/README.md.
#include <Adafruit_INA219.h>
#include <DallasTemperature.h>
#include <Ed25519.h>
#include <HTTPClient.h>
#include <OneWire.h>
#include <Preferences.h>
#include <TinyGPSPlus.h>
#include <WiFi.h>
#include <WiFiClientSecure.h>
#include <esp_random.h>
#include <time.h>

#include "chargex_batch.h"
#include "config.h"
#include "frame_buffer.h"

static const size_t MAX_FRAME_BYTES = 640;
// Sequences are reserved in NVS blocks so flash is written once per block, not once per batch; a reboot skips
// the rest of a block, which is fine: sequences must grow, not be contiguous.
static const uint64_t SEQUENCE_BLOCK = 256;
static const uint32_t MAX_BACKOFF_MS = 60000;

Adafruit_INA219 ina219;
OneWire oneWire(ONE_WIRE_PIN);
DallasTemperature probes(&oneWire);
TinyGPSPlus gps;
Preferences nvs;
FrameBuffer<FRAME_BUFFER_SLOTS, MAX_FRAME_BYTES> outbox;

uint8_t privateKey[32];
uint8_t publicKey[32];
uint64_t nextSequence = 1;
uint64_t reservedUntil = 0;

chargex::Reading readings[BATCH_READINGS];
uint8_t readingCount = 0;
float socEstimate = -1;  // coulomb-counted, 0..1; -1 until the first reading sets it from the rested voltage
uint32_t lastSampleMs = 0;
uint32_t nextSendMs = 0;
uint32_t backoffMs = 1000;

// Loads the device key from NVS, or makes one on first boot (ESP32 hardware RNG) and prints the public key,
// which is what the fleet operator registers in telemetry.
void loadOrCreateKey() {
  if (nvs.getBytes("key", privateKey, sizeof privateKey) != sizeof privateKey) {
    esp_fill_random(privateKey, sizeof privateKey);
    nvs.putBytes("key", privateKey, sizeof privateKey);
  }
  Ed25519::derivePublicKey(publicKey, privateKey);
  Serial.print("device " DEVICE_ID " ed25519 public key: ");
  for (uint8_t b : publicKey) Serial.printf("%02x", b);
  Serial.println();
}

uint64_t takeSequence() {
  if (nextSequence >= reservedUntil) {
    reservedUntil = nextSequence + SEQUENCE_BLOCK;
    nvs.putULong64("seq", reservedUntil);
  }
  return nextSequence++;
}

uint64_t nowMs() {
  struct timeval tv;
  gettimeofday(&tv, nullptr);
  return static_cast<uint64_t>(tv.tv_sec) * 1000 + tv.tv_usec / 1000;
}

// NTP sets the clock; until it has (year before 2024) no reading is taken, since telemetry refuses bad times.
bool clockIsSet() { return time(nullptr) > 1704067200; }

// LiFePO4 rested-cell voltage to SoC, coarse: enough to start coulomb counting from.
float socFromRestVoltage(float volts) {
  static const float V[] = {2.5f, 3.0f, 3.2f, 3.25f, 3.3f, 3.33f, 3.35f, 3.4f, 3.6f};
  static const float S[] = {0.0f, 0.05f, 0.1f, 0.2f, 0.5f, 0.8f, 0.9f, 0.95f, 1.0f};
  if (volts <= V[0]) return 0;
  for (int i = 1; i < 9; i++) {
    if (volts <= V[i]) return S[i - 1] + (S[i] - S[i - 1]) * (volts - V[i - 1]) / (V[i] - V[i - 1]);
  }
  return 1;
}

void sample(uint32_t elapsedMs) {
  chargex::Reading& r = readings[readingCount];
  r.timestamp_ms = nowMs();
  r.cell_count = CELL_COUNT;
  float below = 0;
  for (int i = 0; i < CELL_COUNT; i++) {
    float tap = analogReadMilliVolts(CELL_TAP_PINS[i]) * CELL_TAP_RATIO[i];
    r.cells_mv[i] = static_cast<uint16_t>(constrain(tap - below, 0.0f, 5000.0f));
    below = tap;
  }
  float amps = CURRENT_SIGN * ina219.getShuntVoltage_mV() / SHUNT_MILLIOHM;
  r.current_ca = static_cast<int32_t>(lroundf(amps * 100));

  r.temperature_count = 0;
  for (uint8_t i = 0; i < probes.getDeviceCount() && i < MAX_PROBES; i++) {
    float c = probes.getTempCByIndex(i);
    if (c != DEVICE_DISCONNECTED_C) r.temperatures_dc[r.temperature_count++] = static_cast<int16_t>(lroundf(c * 10));
  }
  probes.requestTemperatures();  // non-blocking: read at the next sample
  if (r.temperature_count == 0) return;  // a reading needs a temperature: skip it rather than invent one

  if (socEstimate < 0) socEstimate = socFromRestVoltage(r.cells_mv[0] / 1000.0f);
  socEstimate = constrain(socEstimate + amps * (elapsedMs / 3600000.0f) / PACK_CAPACITY_AH, 0.0f, 1.0f);
  r.soc_permille = static_cast<uint16_t>(lroundf(socEstimate * 1000));

  r.has_gps = gps.location.isValid() && gps.location.age() < 5000;
  if (r.has_gps) {
    r.gps.lat_e7 = static_cast<int32_t>(llround(gps.location.lat() * 1e7));
    r.gps.lon_e7 = static_cast<int32_t>(llround(gps.location.lng() * 1e7));
  }
  readingCount++;
}

// Encodes, signs and queues the buffered readings as one frame.
void sealBatch() {
  chargex::Batch batch = {DEVICE_ID, takeSequence(), nowMs(), readingCount, readings};
  static uint8_t message[chargex::SIGNING_DOMAIN_BYTES + MAX_FRAME_BYTES];
  size_t offset = 0;
  size_t length = chargex::signing_message(batch, message, sizeof message - chargex::SIGNATURE_BYTES, &offset);
  readingCount = 0;
  if (length == 0) {
    Serial.println("batch does not fit a frame: dropped");
    return;
  }
  uint8_t* frame = message + offset;
  size_t encoded = length - offset;
  uint8_t signature[chargex::SIGNATURE_BYTES];
  Ed25519::sign(signature, privateKey, publicKey, message, length);
  memcpy(frame + encoded, signature, sizeof signature);
  outbox.push(frame, encoded + sizeof signature);
}

// Posts the oldest queued frame. 200 (stored, or a duplicate of one stored) and 409 (its sequence is already
// stored) remove it; other 4xx can never succeed and are dropped with the bridge's reason; 503 and network errors
// keep it and back off.
void sendOldest() {
  size_t length;
  const uint8_t* frame = outbox.oldest(&length);
  WiFiClientSecure tls;
  tls.setCACert(BRIDGE_CA_CERT);
  HTTPClient http;
  http.begin(tls, BRIDGE_URL);
  http.addHeader("Content-Type", "application/octet-stream");
  int status = http.POST(const_cast<uint8_t*>(frame), length);
  String reply = status > 0 ? http.getString() : http.errorToString(status);
  http.end();
  if (status == 200 || status == 409) {
    outbox.pop();
    backoffMs = 1000;
    nextSendMs = millis();
  } else if (status >= 400 && status < 500 && status != 408 && status != 429) {
    Serial.printf("bridge refused a batch (%d): %s\n", status, reply.c_str());
    outbox.pop();
  } else {
    Serial.printf("bridge unreachable (%d): %s; retrying in %u ms\n", status, reply.c_str(), backoffMs);
    nextSendMs = millis() + backoffMs;
    backoffMs = min(backoffMs * 2, MAX_BACKOFF_MS);
  }
}

void setup() {
  Serial.begin(115200);
  nvs.begin("chargex", false);
  loadOrCreateKey();
  nextSequence = nvs.getULong64("seq", 1);
  reservedUntil = nextSequence;
  Wire.begin();
  if (!ina219.begin()) Serial.println("INA219 not found: check I2C wiring");
  probes.begin();
  probes.setResolution(12);
  probes.setWaitForConversion(false);
  probes.requestTemperatures();
  Serial2.begin(GPS_BAUD, SERIAL_8N1, GPS_RX_PIN, GPS_TX_PIN);
  analogReadResolution(12);
  WiFi.mode(WIFI_STA);
  WiFi.begin(WIFI_SSID, WIFI_PASSWORD);
  configTime(0, 0, NTP_SERVER);
}

void loop() {
  while (Serial2.available()) gps.encode(Serial2.read());
  uint32_t now = millis();
  if (clockIsSet() && now - lastSampleMs >= SAMPLE_INTERVAL_MS) {
    uint32_t elapsed = lastSampleMs == 0 ? 0 : now - lastSampleMs;
    lastSampleMs = now;
    sample(elapsed);
    if (readingCount == BATCH_READINGS) sealBatch();
  }
  if (!outbox.empty() && WiFi.status() == WL_CONNECTED && static_cast<int32_t>(now - nextSendMs) >= 0) sendOldest();
  delay(5);
}
