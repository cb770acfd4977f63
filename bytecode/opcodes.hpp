// The bytecode: typed register instructions.
//
// An instruction is 8 bytes: opcode, a small operand `x`, and three 16-bit
// operands a, b, c. R[n] is register n of the current frame; K[n] is constant
// n of the current function; G[n] is global n. `sbc` is b and c read together
// as a signed 32-bit jump offset (b = high half), relative to the instruction
// after the jump. `sc` is c read as a signed 16-bit number. "tid" operands are
// runtime type ids (rttype.hpp). The static types chosen by the checker
// select the opcode; the loop checks no types (beyond nil and bounds).
//
// Calling convention: a call's frame starts at R[a] of the caller (the
// callee's R[0]); arguments are placed in R[a], R[a+1], ... (a method's
// receiver first; a variadic function receives its extra arguments already
// packed into a slice). The callee returns its results into its R[0..n),
// i.e. the caller's R[a..a+n). Aggregate (struct/array) arguments are passed
// as fresh copies: the callee owns them.
//
// Each opcode carries its operand format (the second column, one letter per
// operand a, b, c: see Operand below). Jump patching, the disassembler and the
// verifier read the format instead of restating it.
#pragma once

#include <cstddef>
#include <cstdint>

namespace gol::vm {

#define GOL_OPCODES(X)                                                         \
  /* moves and constants */                                                    \
  X(NOP, "---")                                                                \
  X(MOVE, "RR-")    /* R[a] = R[b] */                                          \
  X(LOADK, "RK-")   /* R[a] = K[b] */                                          \
  X(LOADI, "RLL")   /* R[a] = int(sbc) */                                      \
  X(LOADNIL, "RI-") /* R[a..a+b] = zero Values (b+1 registers) */              \
  X(GETG, "RG-")    /* R[a] = G[b] (b: 16 bits; see GETGX) */                  \
  X(SETG, "RG-")    /* G[b] = R[a] */                                          \
  /* integer arithmetic (64-bit, wrapping; sized types are truncated by     */ \
  /* a following TRUNC) */                                                     \
  X(ADDI, "RRR") X(SUBI, "RRR") X(MULI, "RRR")  /* R[a] = R[b] op R[c] */                           \
  X(DIVI, "RRR") X(REMI, "RRR")          /* signed; panics "integer divide by zero" */       \
  X(DIVU, "RRR") X(REMU, "RRR")          /* unsigned */                                      \
  X(ANDI, "RRR") X(ORI, "RRR") X(XORI, "RRR") X(ANDNOTI, "RRR")                                            \
  X(SHLI, "RRR")      /* R[a] = R[b] << R[c]; count >= 64 gives 0; negative count */  \
               /* panics "negative shift amount", unless x = 1: the count */   \
               /* is unsigned and such a count is >= 2^63 (gives 0 or -1) */   \
  X(SHRI, "RRR")      /* arithmetic shift right (signed) */                           \
  X(SHRU, "RRR")      /* logical shift right (unsigned) */                            \
  X(ADDIK, "RRS")     /* R[a] = R[b] + sc */                                          \
  X(NEGI, "RR-")      /* R[a] = -R[b] */                                              \
  X(NOTI, "RR-")      /* R[a] = ^R[b] */                                              \
  X(TRUNC, "RR-")     /* R[a] = R[b] narrowed to the integer kind x (ElemKind:       */ \
               /* I8 U8 I16 U16 I32 U32: sign/zero-extend back to 64) */       \
  /* float64 arithmetic */                                                     \
  X(ADDF, "RRR") X(SUBF, "RRR") X(MULF, "RRR") X(DIVF, "RRR")                                              \
  X(NEGF, "RR-")                                                                      \
  X(ROUNDF32, "RR-")  /* R[a] = double(float(R[b])) */                                \
  /* comparisons: R[a] = bool */                                               \
  X(EQI, "RRR") X(NEI, "RRR") X(LTI, "RRR") X(LEI, "RRR")  /* signed int; EQI/NEI also bool, pointers */   \
  X(LTU, "RRR") X(LEU, "RRR")                /* unsigned */                                  \
  X(EQF, "RRR") X(NEF, "RRR") X(LTF, "RRR") X(LEF, "RRR")                                                  \
  X(EQS, "RRR") X(NES, "RRR") X(LTS, "RRR") X(LES, "RRR")  /* strings, bytewise */                         \
  X(EQP, "RRR") X(NEP, "RRR")  /* pointers, chans, maps, funcs: o and aux both equal */      \
  X(EQIFACE, "RRR") X(NEIFACE, "RRR") /* interfaces: same tid and equal payload by type;  */ \
                        /* panics "runtime error: comparing uncomparable   */  \
                        /* type T" */                                          \
  X(EQAGG, "RRR") X(NEAGG, "RRR")     /* structs/arrays: deep, by their RtType */           \
  X(NOT, "RR-")       /* R[a] = !R[b] */                                              \
  /* jumps */                                                                  \
  X(JMP, "-JJ")       /* pc += sbc */                                                 \
  X(JT, "RJJ")        /* if R[a] then pc += sbc */                                    \
  X(JF, "RJJ")        /* if !R[a] then pc += sbc */                                   \
  X(JLT, "RRJ")       /* if R[a] < R[b] (signed int) then pc += sc */                 \
  X(JLE, "RRJ")       /* if R[a] <= R[b] (signed int) then pc += sc */                \
  /* conversions */                                                            \
  X(I2F, "RR-")       /* R[a] = double(int64 R[b]) */                                 \
  X(U2F, "RR-")       /* R[a] = double(uint64 R[b]) */                                \
  X(F2I, "RR-")       /* R[a] = int64(trunc R[b]) */                                  \
  X(F2U, "RR-")       /* R[a] = uint64(trunc R[b]) */                                 \
  /* strings */                                                                \
  X(CONCAT, "RRR")    /* R[a] = R[b] + R[c] */                                        \
  X(LENS, "RR-")      /* R[a] = len(R[b]) */                                          \
  X(INDEXS, "RRR")    /* R[a] = R[b][R[c]] (byte; panics out of range) */            \
  X(SLICES, "RRR")    /* R[a] = R[b][lo:hi]; lo = x&1 ? R[c] : 0,                 */  \
               /* hi = x&2 ? R[c+1] : len */                                   \
  X(NEXTRUNE, "RRR")  /* decode UTF-8 of R[b] at byte index R[c]: R[a] = rune     */  \
               /* (0xFFFD on error), R[a+1] = width */                        \
  /* slices and arrays; x = ElemKind of the elements */                        \
  X(MAKESLICE, "RRT") /* R[a] = make(T, R[b], R[b+1]); c = tid of T (slice type) */   \
  X(LENSL, "RR-")     /* R[a] = len(R[b]) */                                          \
  X(CAPSL, "RR-")     /* R[a] = cap(R[b]) */                                          \
  X(GETSL, "RRR")     /* R[a] = R[b][R[c]]: aggregates are returned by reference */   \
  X(SETSL, "RRR")     /* R[a][R[b]] = R[c] */                                         \
  X(ADDRSL, "RRR")    /* R[a] = &R[b][R[c]] (aggregates: the element object) */      \
  X(GETARR, "RRR")    /* R[a] = R[b][R[c]] for an array object */                     \
  X(SETARR, "RRR")    /* R[a][R[b]] = R[c] */                                         \
  X(ADDRARR, "RRR")   /* R[a] = &R[b][R[c]] */                                        \
  X(SLICESL, "RRR")   /* R[a] = R[b][lo:hi:max] of a slice; x bits 1,2,4: lo, hi, */  \
               /* max present in R[c], R[c+1], R[c+2] */                       \
  X(SLICEARR, "RRR")  /* the same for an array object (or pointer to array) */        \
  X(APPEND, "RRT")    /* R[a] = append(R[a], R[b..b+x]); c = tid of the slice type */ \
  X(APPENDSL, "RRT")  /* R[a] = append(R[a], R[b]...); c = slice tid; R[b] may be  */ \
               /* a string when appending to []byte (x = 1) */                 \
  X(COPYSL, "RRR")    /* R[a] = copy(R[b], R[c]); x = 1: R[c] is a string */         \
  X(CLEARSL, "R--")   /* clear(R[a]) */                                               \
  /* structs, arrays, boxes and pointers */                                    \
  X(ZERO, "RT-")      /* R[a] = new zero value of aggregate type tid b */             \
  X(COPY, "RR-")      /* R[a] = deep copy of aggregate R[b] */                        \
  X(COPYINTO, "RR-")  /* copy aggregate R[b] into the existing object R[a] */        \
  X(GETF, "RRI")      /* R[a] = R[b].field[c] (nil R[b] panics nil dereference) */    \
  X(SETF, "RIR")      /* R[a].field[b] = R[c] */                                      \
  X(ADDRF, "RRI")     /* R[a] = &R[b].field[c] (aggregate fields: the sub-object) */  \
  X(NEWBOX, "RRT")    /* R[a] = new box holding R[b] (pointer value {box, 0}); */     \
               /* c = tid of the variable's type (the heap profile's size) */ \
  X(LOADPTR, "RR-")   /* R[a] = *R[b] (nil panics; aux == kWholeObject: R[a] =    */  \
               /* the object itself) */                                        \
  X(STOREPTR, "RR-")  /* *R[a] = R[b] (scalar/ref pointee) */                         \
  X(GETUP, "RI-")     /* R[a] = closure.captured[b] */                                \
  X(GETUPV, "RI-")    /* R[a] = box(closure.captured[b]).value */                     \
  X(SETUPV, "RI-")    /* box(closure.captured[b]).value = R[a] */                     \
  /* maps */                                                                   \
  X(MAKEMAP, "RTR")   /* R[a] = make(map type tid b), size hint R[c] if x */          \
  X(LENM, "RR-")      /* R[a] = len(R[b]) */                                          \
  X(MAPGET, "RRR")    /* R[a] = R[b][R[c]], or the element type's zero value */      \
  X(MAPGET2, "RRR")   /* R[a] = R[b][R[c]], R[a+1] = found */                         \
  X(MAPSET, "RRR")    /* R[a][R[b]] = R[c]; nil map panics "assignment to entry   */  \
               /* in nil map" */                                               \
  X(MAPDEL, "RR-")    /* delete(R[a], R[b]) */                                        \
  X(MAPNEXT, "RRR")   /* iteration: R[c] is an int cursor (0 to start); if R[b]     */ \
               /* has an entry at or after the cursor: R[a] = key, R[a+1] =  */ \
               /* value, cursor advances, and the next instruction (a JMP    */ \
               /* out of the loop) is skipped; else fall through to it */      \
  X(CLEARM, "R--")    /* clear(R[a]) */                                               \
  /* interfaces */                                                             \
  X(MKIFACE, "RRT")   /* R[a] = R[b] as an interface value of dynamic type tid c */   \
  X(ASSERT, "RRT")    /* R[a] = R[b].(T), T concrete with tid c; panics           */  \
               /* "interface conversion: ..." */                              \
  X(ASSERT2, "RRT")   /* R[a] = R[b].(T) or zero, R[a+1] = ok */                      \
  X(ASSERTI, "RRT")   /* R[a] = R[b].(I), I an interface with tid c */                \
  X(ASSERTI2, "RRT")  /* R[a] = R[b].(I) or nil, R[a+1] = ok */                       \
  X(TYPEIS, "RRT")    /* R[a] = R[b] has dynamic type tid c (c = 0: is nil) */        \
  X(IMPLEMENTS, "RRT")/* R[a] = R[b] is non-nil and implements interface tid c */     \
  X(IFACEDATA, "RR-") /* R[a] = payload of R[b] with tid kept (no check) */           \
  /* calls */                                                                  \
  X(CALL, "RF-")      /* call function b | x << 16 (Program::funcs); frame at R[a] */     \
  X(CALLV, "RRI")     /* call the func value R[b] (nil panics); frame at R[a]; c: */ \
               /* argument registers + 1, for the liveness analysis (0: not */ \
               /* known: every register from R[a] counts as read) */           \
  X(CALLI, "RRN")     /* call method name c of interface R[b] with frame at R[a]:  */ \
               /* R[a] receives the receiver; nil interface panics; x: as   */ \
               /* CALLV's c (the receiver counts) */                           \
  X(RET, "RI-")       /* run pending defers, THEN return R[a..a+b); x = 1: those   */ \
               /* registers hold boxes (named results captured by a deferred */ \
               /* closure): return the boxes' values, read after the defers */ \
  X(CLOSURE, "RFI")   /* R[a] = closure of function b | x << 16 capturing R[a+1..a+c] */        \
  X(DEFER, "RI-")     /* defer call of func value R[a] with args R[a+1..a+b] */        \
  X(DEFERTO, "RIR")   /* DEFER, for frame number R[c] below (a range-over-func body */ \
               /* defers for its enclosing function) */                        \
  X(FRAMEIDX, "R--")  /* R[a] = the current frame's number (for DEFERTO) */           \
  X(GO, "RI-")        /* start a goroutine calling func value R[a], args R[a+1..a+b] */ \
  X(PANIC, "R--")     /* panic(R[a]) (R[a] is an interface value) */                  \
  X(RECOVER, "RI-")   /* R[a] = recover(); b = 1: `defer recover()` itself: */        \
               /* recovers for the deferring frame only at its RET */  \
  /* channels */                                                               \
  X(MAKECHAN, "RRT")  /* R[a] = make(chan type tid c, R[b]); x = 1: unbounded */      \
  X(SEND, "RR-")      /* R[a] <- R[b] */                                              \
  X(RECV, "RR-")      /* R[a] = <-R[b] */                                             \
  X(RECV2, "RR-")     /* R[a], R[a+1] = <-R[b] (value, ok) */                         \
  X(CLOSE, "R--")     /* close(R[a]) */                                               \
  X(LENC, "RR-")      /* R[a] = len(R[b]) */                                          \
  X(CAPC, "RR-")      /* R[a] = cap(R[b]) */                                          \
  X(SELECT, "RRI")    /* c cases from R[b], one SelectCaseLayout record each */ \
               /* (bytecode/select_case.hpp). R[a] = chosen case index, or  */ \
               /* -1 for default; x = 1: has default */                       \
  X(JTAB, "RI-")      /* pc += (0 <= R[a] < b ? R[a] : b): into the b+1 JMPs that */ \
               /* follow (after SELECT: one per case, then default)        */ \
  /* misc */                                                                   \
  X(GETGX, "RGG")     /* R[a] = G[b | c << 16] (globals beyond 65535) */              \
  X(SETGX, "RGG")     /* G[b | c << 16] = R[a] */                                     \
  /* constant operands (c or b is an index into K): fewer loads in loops */ \
  X(ADDK, "RRK") X(SUBK, "RRK") X(MULK, "RRK") X(DIVK, "RRK") X(REMK, "RRK") /* R[a] = R[b] op K[c] (int) */       \
  X(ANDK, "RRK") X(SHLK, "RRK") X(SHRK, "RRK") X(SHRUK, "RRK")                                            \
  X(ADDFK, "RRK") X(SUBFK, "RRK") X(MULFK, "RRK") X(DIVFK, "RRK")     /* R[a] = R[b] op K[c] (float) */    \
  X(JLTK, "RKJ")      /* if R[a] < K[b] (signed int) then pc += sc */                 \
  X(JLEK, "RKJ")      /* if R[a] <= K[b] */                                           \
  X(JGTK, "RKJ")      /* if R[a] > K[b] */                                            \
  X(JGEK, "RKJ")      /* if R[a] >= K[b] */                                           \
  X(MAPADDI, "RRS")   /* R[a][R[b]] += sc (int values; m[k]++ with one lookup) */  \
  X(HALT, "---")      /* end of the goroutine's entry stub */

enum class Opcode : uint8_t {
#define GOL_OP_ENUM(name, format) name,
  GOL_OPCODES(GOL_OP_ENUM)
#undef GOL_OP_ENUM
      Count
};

struct Instr {
  Opcode op;
  uint8_t x;
  uint16_t a, b, c;
};
static_assert(sizeof(Instr) == 8, "instructions are 8 bytes");

// What an operand means, one letter per operand a, b, c in GOL_OPCODES:
enum class Operand : char {
  None = '-',
  Reg = 'R',     // register of the current frame
  Const = 'K',   // index into the function's constants
  Global = 'G',  // global index (in b and c together: b | c << 16)
  Tid = 'T',     // runtime type id (rttype.hpp)
  Name = 'N',    // index into Program::names
  Func = 'F',    // function index b | x << 16 (b only)
  Count = 'I',   // unsigned immediate: a count, a field index, a small kind
  Imm16 = 'S',   // signed 16-bit immediate (c only)
  Imm32 = 'L',   // signed 32-bit immediate in b and c (b is the high half)
  Jump16 = 'J',  // in c alone: signed 16-bit offset from the next instruction
                 // in b and c: signed 32-bit offset (b is the high half)
};

struct OpFormat {
  Operand a, b, c;
};

const char* opcodeName(Opcode op);
OpFormat opcodeFormat(Opcode op);

inline int32_t sbc(const Instr& i) {
  return int32_t((uint32_t(i.b) << 16) | i.c);
}
inline int16_t sc(const Instr& i) {
  return int16_t(i.c);
}

// Jumps, read from the format column: the target of the jump at `pc`, or -1
// when the instruction is not a jump (JTAB jumps into the table that follows
// it and is not a jump in this sense).
bool isJump(Opcode op);
int64_t jumpTarget(const Instr& in, size_t pc);
// Sets the jump at `pc` to go to `target`; false when the offset does not fit
// the instruction's operand (a 16-bit compare-and-branch more than 32767
// instructions away).
bool setJumpTarget(Instr& in, size_t pc, size_t target);

}  // namespace gol::vm
