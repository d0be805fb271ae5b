/*
 * A model of the safety supervisor (firmware/Shared/Safety: SupervisorStateMachine.cs and the
 * monitors it composes, behind SafetySupervisor.cs's lock) and the link session binding
 * (firmware/Shared/Link/LinkServer.cs), at supervisor-tick granularity.
 * What is modelled, what is abstracted away, the properties and how to run them:
 * docs/safety.md, section "Model checking".
 *
 * One process: each step is one supervisor tick (with the world around it: interlock hold
 * circuit, emitter read-back, counter read, heartbeat from the bound console) or one call
 * between ticks (BeginArm, Disarm, RequestEmitters, Start/Stop, TryClear, a link frame, a
 * transport drop, a fault appearing or going). Every step is a d_step, so the properties
 * see only the states between steps. Each step prints one line "M ..." that
 * tests/ChamberFirmware.Core.Tests/Safety/ModelConformanceTests.cs replays on the C# code.
 *
 * Variants (-D...): BUG_CLEAR_IGNORES_LINK plants the bug "TryClear ignores the link blocker"
 * (the same bug in the C#: docs/model/planted-clear-bug.patch, caught by PlantedClearBugTests);
 * BUG_TAKEOVER_WHILE_ACTIVE plants "a second console may take over an Active treatment".
 * CI expects clear_sound (resp. binding) to FAIL on them.
 */

/* CutReasons values (wire-stable, firmware/Shared/Safety/CutReasons.cs). */
#define R_OVERCOUNT  1
#define R_GROWTH     2
#define R_SENSOR     4
#define R_LINK       8
#define R_MISMATCH   16
#define R_SELFTEST   256

/* SupervisorMode values. */
#define IDLE     0
#define SELFTEST 1
#define READY    2
#define SAFESTOP 3

/* SelfTestPhase values. */
#define PH_NONE    0
#define PH_EMOFF   1
#define PH_DROP    2
#define PH_RECOVER 3

/* Consoles: A and B hold the device key; X does not. */
#define NOBODY 0
#define CA     1
#define CB     2
#define CX     3

/* Budgets in ticks of 10 ms (SafetyTiming). */
#define DROP_TICKS     5   /* SelfTestSequencer: elapsed > SelfTestDropBudgetMicroseconds (45 ms): 5 ticks */
#define RECOVER_TICKS  6   /* SelfTestSequencer: elapsed > SelfTestRecoverBudgetMicroseconds (50 ms): 6 ticks */
#define HOLD_TICKS     5   /* SupervisorStateMachine.Tick, SafeStop: bank still powered > 45 ms after the latch: cut path stuck */
#define REARM_SAMPLES  5   /* SafetyTiming.RearmSensorSamples */
#define REARM_HB       2   /* ChamberSettings.RearmHeartbeats as the conformance test sets it */
#define MAX_LEASE      3   /* lease of L ticks (L x 10 ms); L = 0 requests mask 0 */
#define SELFTEST_BUDGET 12 /* 5 (drop) + 6 (recover) + 1 (emitters off) */
#define FAULTY_SELFTEST_BUDGET 7

/* Supervisor state. */
byte mode = IDLE;
byte phase = PH_NONE;
byte pt = 0;            /* ticks since the self-test phase started */
byte sst = 0;           /* ticks since the latch (saturates at HOLD_TICKS) */
short latched = 0;
bool sfault = 0;        /* CounterMonitor: faulted by the latest read */
byte good = REARM_SAMPLES; /* CounterMonitor: successive accepted samples (saturates) */
bool ldown = 0;         /* LinkMonitor: OnLinkDown seen, no heartbeat since */
byte hbrun = REARM_HB;  /* LinkMonitor: consecutive heartbeats (saturates) */
byte lease = 0;         /* LeaseTable: ticks of lease left */
bool a1 = 0;            /* EmitterMonitor: mask applied one tick ago */
bool a2 = 0;            /* ... and two ticks ago */
bool rb = 0;            /* latest read-back */
bool pw = 0;            /* latest interlock power sense */

/* Outputs of the latest tick (SupervisorOutputs: EmitterMask != 0, ToggleKeepAlive, Mode) and
   the self-test phase it ended in. */
bool emit = 0;
bool ka = 0;
byte omode = IDLE;
byte ophase = PH_NONE;

/* The world: keep-alive toggles one and two ticks ago, faults. */
bool t1 = 0;
bool t2 = 0;
bool fstuck = 0;        /* emitter driver shorted on */
bool fka = 0;           /* keep-alive path stuck powered */
bool fnever = 0;        /* bank never powers */

/* Treatment and link. */
bool tactive = 0;        /* the treatment controller's Active state (only while Ready) */
byte bound = CA;
byte pending = NOBODY;

/* Ghosts for the properties. */
bool stfailed = 0;      /* a self-test failed since the last accepted clear */
byte stt = 0;           /* ticks in the current self-test */
bool stka = 0;          /* keep-alive stuck powered (supply intact) at every tick of this self-test */
bool stnever = 0;       /* bank never powered at every tick of this self-test */
bool latecut = 0;
bool badclear = 0;
bool badbind = 0;

/* Conditions the supervisor sees now (SupervisorStateMachine.Conditions and the read-back from
   EmitterMonitor.Observe; counter, temperature, overrun and watchdog channels are healthy except
   for the read errors the model injects). */
#define PRESENT ((sfault -> R_SENSOR : 0) | (ldown -> R_LINK : 0) \
    | ((rb != a1 && rb != a2) -> R_MISMATCH : 0))

/* SupervisorStateMachine.TryClear: every monitor's ClearBlockers (CounterMonitor, LinkMonitor,
   EmitterMonitor here), each condition with its re-arm hysteresis. */
#define SENSOR_BLOCK ((sfault -> (R_OVERCOUNT | R_GROWTH | R_SENSOR) : 0) | ((good < REARM_SAMPLES) -> R_SENSOR : 0))
#define LINK_BLOCK   ((ldown || hbrun < REARM_HB) -> R_LINK : 0)
#define OTHER_BLOCK  ((rb -> R_MISMATCH : 0) | (pw -> R_SELFTEST : 0))
#ifdef BUG_CLEAR_IGNORES_LINK
#define BLOCKERS (SENSOR_BLOCK | OTHER_BLOCK)
#else
#define BLOCKERS (SENSOR_BLOCK | LINK_BLOCK | OTHER_BLOCK)
#endif
/* What really still blocks a clear (the properties' reference, independent of BLOCKERS). */
#define UNSAFE_TO_CLEAR (sfault || good < REARM_SAMPLES || ldown || hbrun < REARM_HB || rb || pw)

#define STATE printf(" | mode=%d phase=%d emit=%d ka=%d latched=%d bound=%d pending=%d tactive=%d\n", \
    mode, phase, emit, ka, latched, bound, pending, tactive)

#define FAULTS printf("M fault stuck=%d ka=%d never=%d", fstuck, fka, fnever); STATE

/* SupervisorStateMachine.Cut: the one way into SafeStop (SafetyLatch.Latch). */
inline cut(r) {
    if
    :: (r & R_SELFTEST) != 0 -> stfailed = 1
    :: else -> skip
    fi;
    mode = SAFESTOP; phase = PH_NONE; pt = 0; sst = 0; stt = 0;
    latched = latched | r; lease = 0; tactive = 0
}

inline tick(v) {
    d_step {
        err = v;
        wasarmed = (mode == SELFTEST || mode == READY);
        /* The interlock hold circuit (25 ms) and the read-back after the bank switch. */
        pw = !fnever && (fka || t1 || t2);
        rb = pw && (a1 || fstuck);
        /* Counter read of this tick. */
        if
        :: err -> sfault = 1; good = 0
        :: else -> sfault = 0; if :: good < REARM_SAMPLES -> good++ :: else -> skip fi
        fi;
        /* The bound console's heartbeat (before the tick, like the runtime's link loop). */
        if
        :: bound != NOBODY ->
            if
            :: ldown -> hbrun = 1
            :: else -> if :: hbrun < REARM_HB -> hbrun++ :: else -> skip fi
            fi;
            ldown = 0
        :: else -> skip
        fi;
        p = PRESENT;
        if
        :: mode == SELFTEST || mode == READY ->
            if
            :: p != 0 -> cut(p)
            :: else ->
                if
                :: mode == SELFTEST ->
                    if :: pt < RECOVER_TICKS -> pt++ :: else -> skip fi;
                    if
                    :: phase == PH_DROP ->
                        if
                        :: !pw -> phase = PH_RECOVER; pt = 0
                        :: else -> if :: pt >= DROP_TICKS -> p = R_SELFTEST; cut(p) :: else -> skip fi
                        fi
                    :: phase == PH_RECOVER ->
                        if
                        :: pw -> phase = PH_EMOFF; pt = 0
                        :: else -> if :: pt >= RECOVER_TICKS -> p = R_SELFTEST; cut(p) :: else -> skip fi
                        fi
                    :: else ->
                        if
                        :: !pw || rb || a1 -> p = (rb -> (R_MISMATCH | R_SELFTEST) : R_SELFTEST); cut(p)
                        :: else -> mode = READY; phase = PH_NONE; pt = 0;
                            if :: stka || stnever -> latecut = 1 :: else -> skip fi
                        fi
                    fi
                :: else -> skip
                fi
            fi
        :: mode == IDLE && (p & R_MISMATCH) -> p = R_MISMATCH; cut(p)
        :: mode == SAFESTOP ->
            if :: sst < HOLD_TICKS -> sst++ :: else -> skip fi;
            if :: pw && sst >= HOLD_TICKS -> latched = latched | R_SELFTEST :: else -> skip fi;
            latched = latched | p
        :: else -> skip
        fi;
        /* Leases, outputs, the world's memory of them. */
        if :: lease > 0 -> lease-- :: else -> skip fi;
        emit = (mode == READY && lease > 0);
        ka = (mode == READY || (mode == SELFTEST && phase != PH_DROP));
        t2 = t1; t1 = ka; a2 = a1; a1 = emit; omode = mode; ophase = phase;
        /* Ghosts: an armed tick that saw a condition must end in SafeStop; a self-test ends in time
           and never passes with a cut-path fault held throughout. */
        if :: wasarmed && p != 0 && mode != SAFESTOP -> latecut = 1 :: else -> skip fi;
        if
        :: mode == SELFTEST ->
            stt++;
            stka = stka && fka && !fnever; stnever = stnever && fnever;
            if :: stt > SELFTEST_BUDGET || ((stka || stnever) && stt > FAULTY_SELFTEST_BUDGET) -> latecut = 1 :: else -> skip fi
        :: else -> stt = 0; stka = 0; stnever = 0
        fi;
        printf("M tick err=%d", err); STATE;
        p = 0; wasarmed = 0; err = 0
    }
}

/* RequestEmitters(L > 0 ? one channel : none, L x 10 ms): the mask replaces the previous one. */
inline request(L) {
    d_step {
        if :: mode == READY -> lease = L; ok = 1 :: else -> ok = 0 fi;
        printf("M lease ticks=%d ok=%d", L, ok); STATE; ok = 0
    }
}

inline arm() {
    d_step {
        if
        :: mode == SAFESTOP -> res = latched
        :: mode != IDLE -> res = R_SELFTEST
        :: else ->
            res = PRESENT | ((rb || a1) -> R_SELFTEST : 0);
            if
            :: res == 0 -> mode = SELFTEST; phase = PH_DROP; pt = 0; stt = 0; stka = (fka && !fnever); stnever = fnever
            :: else -> skip
            fi
        fi;
        printf("M arm res=%d", res); STATE;
        res = 0
    }
}

inline clear() {
    d_step {
        if
        :: mode != SAFESTOP -> still = 0; ok = 0
        :: else ->
            still = BLOCKERS;
            if
            :: still == 0 ->
                if :: UNSAFE_TO_CLEAR -> badclear = 1 :: else -> skip fi;
                ok = 1; latched = 0; stfailed = 0;
                mode = IDLE; phase = PH_NONE; lease = 0; tactive = 0
            :: else -> ok = 0
            fi
        fi;
        printf("M clear ok=%d still=%d", ok, still); STATE;
        still = 0; ok = 0
    }
}

/* HandleConfirm: only the console that holds the pending handshake (and the key) binds; an
   Active treatment keeps its console. */
inline confirm(c) {
    d_step {
        before = bound;
        if
        :: c != CX && pending == c ->
#ifdef BUG_TAKEOVER_WHILE_ACTIVE
            if :: skip -> bound = c; ok = 1 fi;
#else
            if
            :: bound != NOBODY && tactive -> ok = 0
            :: else -> bound = c; ok = 1
            fi;
#endif
            pending = NOBODY
        :: else -> ok = 0   /* tag does not verify under the pending keys: nothing changes */
        fi;
        if :: before != NOBODY && tactive && bound != before -> badbind = 1 :: else -> skip fi;
        if :: c == CX && bound != before -> badbind = 1 :: else -> skip fi;
        printf("M confirm c=%d ok=%d", c, ok); STATE;
        before = 0; ok = 0
    }
}

/* -DSIM (random simulation for the conformance traces) repeats the common steps: a repeated
   option has the same successor, so the transition system is the same, only the random walk
   reaches Ready, leases and clears more often. */
#ifdef SIM
#define OFTEN(s) s s s s
#else
#define OFTEN(s) s
#endif

init {
    /* Step scratch, zeroed at the end of every step so it adds no states. */
    bool wasarmed, ok, err; short p, res, still; byte before;
    do
    OFTEN(OFTEN(:: tick(0)))
    :: tick(1)
    OFTEN(:: arm())
    :: d_step { if :: mode != SAFESTOP -> mode = IDLE; phase = PH_NONE; pt = 0; stt = 0; lease = 0; tactive = 0 :: else -> skip fi;
                printf("M disarm"); STATE }
    OFTEN(:: d_step { if :: mode == READY -> tactive = 1 :: else -> skip fi; printf("M start"); STATE })
    :: request(0)
    :: request(1)
    OFTEN(:: request(2))
    OFTEN(:: request(MAX_LEASE))
    OFTEN(:: clear())
    /* Link: hellos are unauthenticated and change only the pending handshake. */
    OFTEN(:: d_step { bound != CA -> pending = CA; printf("M hello c=%d", CA); STATE })
    OFTEN(:: d_step { bound != CB -> pending = CB; printf("M hello c=%d", CB); STATE })
    :: d_step { pending = CX; printf("M hello c=%d", CX); STATE }
    OFTEN(:: confirm(CA))
    OFTEN(:: confirm(CB))
    :: confirm(CX)
    :: d_step { printf("M replay"); STATE }   /* an old confirm again: rejected, nothing changes */
    :: d_step { pending = NOBODY;
                if :: bound != NOBODY -> bound = NOBODY; ldown = 1; hbrun = 0 :: else -> skip fi;
                printf("M close"); STATE }
    /* Faults come and go (any combination). */
    :: d_step { !fstuck -> fstuck = 1; FAULTS }
    OFTEN(:: d_step { fstuck -> fstuck = 0; FAULTS })
    :: d_step { !fka -> fka = 1; FAULTS }
    OFTEN(:: d_step { fka -> fka = 0; FAULTS })
    :: d_step { !fnever -> fnever = 1; FAULTS }
    OFTEN(:: d_step { fnever -> fnever = 0; FAULTS })
    od
}

/* Emitters are commanded only while Ready and never after a failed self-test until a clear; the
   keep-alive is fed only while Ready or in the self-test's recover and emitters-off phases. */
ltl emitters_off { [] ((emit -> (omode == READY && !stfailed))
    && (ka -> (omode == READY || (omode == SELFTEST && ophase != PH_DROP)))) }
/* An armed tick that sees a condition ends in SafeStop; a self-test ends within its budget and
   never passes with a cut-path fault held throughout. */
ltl cut_budget { [] !latecut }
/* An accepted clear never happens while a blocker is present. */
ltl clear_sound { [] !badclear }
/* X never binds; no unauthenticated frame and no takeover while Active changes the binding. */
ltl binding { [] (!badbind && bound != CX) }
