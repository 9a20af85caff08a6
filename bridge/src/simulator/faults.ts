/**
 * Faults a simulated monitor can be given. The physical ones change the battery or its sensors and produce
 * readings telemetry must store and the models must flag; the protocol ones attack or confuse the bridge, which
 * must refuse them.
 *   overheating     cooling fails and an internal short heats the pack
 *   cell_imbalance  one cell loses capacity and charge, so its voltage runs away from the others
 *   stuck_sensor    the first temperature probe keeps reporting the value it had when the fault began
 *   dropout         the uplink is down: readings are buffered on the device and sent when it returns
 *   clock_skew      the device clock runs an hour ahead
 *   replay          an old, already acknowledged frame is sent again
 *   forgery         a frame is signed with a key that is not the registered one
 */
export type Fault = 'overheating' | 'cell_imbalance' | 'stuck_sensor' | 'dropout' | 'clock_skew' | 'replay' | 'forgery';

export const FAULTS: Fault[] = ['overheating', 'cell_imbalance', 'stuck_sensor', 'dropout', 'clock_skew', 'replay', 'forgery'];

/** The clock offset of a device with clock_skew. */
export const CLOCK_SKEW_MS = 3_600_000;
