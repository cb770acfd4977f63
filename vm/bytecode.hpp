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
#pragma once

#include <cstdint>

namespace gol::vm {

#define GOL_OPCODES(X)                                                         \
  /* moves and constants */                                                    \
  X(NOP)                                                                       \
  X(MOVE)    /* R[a] = R[b] */                                                 \
  X(LOADK)   /* R[a] = K[b] */                                                 \
  X(LOADI)   /* R[a] = int(sbc) */                                             \
  X(LOADNIL) /* R[a..a+b] = zero Values (b+1 registers) */                     \
  X(GETG)    /* R[a] = G[b] (b: 16 bits; see GETGX) */                         \
  X(SETG)    /* G[b] = R[a] */                                                 \
  /* integer arithmetic (64-bit, wrapping; sized types are truncated by     */ \
  /* a following TRUNC) */                                                     \
  X(ADDI) X(SUBI) X(MULI)  /* R[a] = R[b] op R[c] */                           \
  X(DIVI) X(REMI)          /* signed; panics "integer divide by zero" */       \
  X(DIVU) X(REMU)          /* unsigned */                                      \
  X(ANDI) X(ORI) X(XORI) X(ANDNOTI)                                            \
  X(SHLI)      /* R[a] = R[b] << R[c]; count >= 64 gives 0; negative count */  \
               /* panics "negative shift amount" */                            \
  X(SHRI)      /* arithmetic shift right (signed) */                           \
  X(SHRU)      /* logical shift right (unsigned) */                            \
  X(ADDIK)     /* R[a] = R[b] + sc */                                          \
  X(NEGI)      /* R[a] = -R[b] */                                              \
  X(NOTI)      /* R[a] = ^R[b] */                                              \
  X(TRUNC)     /* R[a] = R[b] narrowed to the integer kind x (ElemKind:       */ \
               /* I8 U8 I16 U16 I32 U32: sign/zero-extend back to 64) */       \
  /* float64 arithmetic */                                                     \
  X(ADDF) X(SUBF) X(MULF) X(DIVF)                                              \
  X(NEGF)                                                                      \
  X(ROUNDF32)  /* R[a] = double(float(R[b])) */                                \
  /* comparisons: R[a] = bool */                                               \
  X(EQI) X(NEI) X(LTI) X(LEI)  /* signed int; EQI/NEI also bool, pointers */   \
  X(LTU) X(LEU)                /* unsigned */                                  \
  X(EQF) X(NEF) X(LTF) X(LEF)                                                  \
  X(EQS) X(NES) X(LTS) X(LES)  /* strings, bytewise */                         \
  X(EQP) X(NEP)  /* pointers, chans, maps, funcs: o and aux both equal */      \
  X(EQIFACE) X(NEIFACE) /* interfaces: same tid and equal payload by type;  */ \
                        /* panics "runtime error: comparing uncomparable   */  \
                        /* type T" */                                          \
  X(EQAGG) X(NEAGG)     /* structs/arrays: deep, by their RtType */           \
  X(NOT)       /* R[a] = !R[b] */                                              \
  /* jumps */                                                                  \
  X(JMP)       /* pc += sbc */                                                 \
  X(JT)        /* if R[a] then pc += sbc */                                    \
  X(JF)        /* if !R[a] then pc += sbc */                                   \
  X(JLT)       /* if R[a] < R[b] (signed int) then pc += sc */                 \
  X(JLE)       /* if R[a] <= R[b] (signed int) then pc += sc */                \
  /* conversions */                                                            \
  X(I2F)       /* R[a] = double(int64 R[b]) */                                 \
  X(U2F)       /* R[a] = double(uint64 R[b]) */                                \
  X(F2I)       /* R[a] = int64(trunc R[b]) */                                  \
  X(F2U)       /* R[a] = uint64(trunc R[b]) */                                 \
  /* strings */                                                                \
  X(CONCAT)    /* R[a] = R[b] + R[c] */                                        \
  X(LENS)      /* R[a] = len(R[b]) */                                          \
  X(INDEXS)    /* R[a] = R[b][R[c]] (byte; panics out of range) */            \
  X(SLICES)    /* R[a] = R[b][lo:hi]; lo = x&1 ? R[c] : 0,                 */  \
               /* hi = x&2 ? R[c+1] : len */                                   \
  X(NEXTRUNE)  /* decode UTF-8 of R[b] at byte index R[c]: R[a] = rune     */  \
               /* (0xFFFD on error), R[a+1] = width */                        \
  /* slices and arrays; x = ElemKind of the elements */                        \
  X(MAKESLICE) /* R[a] = make(T, R[b], R[b+1]); c = tid of T (slice type) */   \
  X(LENSL)     /* R[a] = len(R[b]) */                                          \
  X(CAPSL)     /* R[a] = cap(R[b]) */                                          \
  X(GETSL)     /* R[a] = R[b][R[c]]: aggregates are returned by reference */   \
  X(SETSL)     /* R[a][R[b]] = R[c] */                                         \
  X(ADDRSL)    /* R[a] = &R[b][R[c]] (aggregates: the element object) */      \
  X(GETARR)    /* R[a] = R[b][R[c]] for an array object */                     \
  X(SETARR)    /* R[a][R[b]] = R[c] */                                         \
  X(ADDRARR)   /* R[a] = &R[b][R[c]] */                                        \
  X(SLICESL)   /* R[a] = R[b][lo:hi:max] of a slice; x bits 1,2,4: lo, hi, */  \
               /* max present in R[c], R[c+1], R[c+2] */                       \
  X(SLICEARR)  /* the same for an array object (or pointer to array) */        \
  X(APPEND)    /* R[a] = append(R[a], R[b]); c = tid of the slice type */      \
  X(APPENDSL)  /* R[a] = append(R[a], R[b]...); c = slice tid; R[b] may be  */ \
               /* a string when appending to []byte (x = 1) */                 \
  X(COPYSL)    /* R[a] = copy(R[b], R[c]); x = 1: R[c] is a string */         \
  X(CLEARSL)   /* clear(R[a]) */                                               \
  /* structs, arrays, boxes and pointers */                                    \
  X(ZERO)      /* R[a] = new zero value of aggregate type tid b */             \
  X(COPY)      /* R[a] = deep copy of aggregate R[b] */                        \
  X(COPYINTO)  /* copy aggregate R[b] into the existing object R[a] */        \
  X(GETF)      /* R[a] = R[b].field[c] (nil R[b] panics nil dereference) */    \
  X(SETF)      /* R[a].field[b] = R[c] */                                      \
  X(ADDRF)     /* R[a] = &R[b].field[c] (aggregate fields: the sub-object) */  \
  X(NEWBOX)    /* R[a] = new box holding R[b] (pointer value {box, 0}) */      \
  X(LOADPTR)   /* R[a] = *R[b] (nil panics; aux == kWholeObject: R[a] =    */  \
               /* the object itself) */                                        \
  X(STOREPTR)  /* *R[a] = R[b] (scalar/ref pointee) */                         \
  X(GETUP)     /* R[a] = closure.captured[b] */                                \
  X(GETUPV)    /* R[a] = box(closure.captured[b]).value */                     \
  X(SETUPV)    /* box(closure.captured[b]).value = R[a] */                     \
  /* maps */                                                                   \
  X(MAKEMAP)   /* R[a] = make(map type tid b), size hint R[c] if x */          \
  X(LENM)      /* R[a] = len(R[b]) */                                          \
  X(MAPGET)    /* R[a] = R[b][R[c]], or the element type's zero value */      \
  X(MAPGET2)   /* R[a] = R[b][R[c]], R[a+1] = found */                         \
  X(MAPSET)    /* R[a][R[b]] = R[c]; nil map panics "assignment to entry   */  \
               /* in nil map" */                                               \
  X(MAPDEL)    /* delete(R[a], R[b]) */                                        \
  X(MAPNEXT)   /* iteration: R[c] is an int cursor (0 to start); if R[b]     */ \
               /* has an entry at or after the cursor: R[a] = key, R[a+1] =  */ \
               /* value, cursor advances, and the next instruction (a JMP    */ \
               /* out of the loop) is skipped; else fall through to it */      \
  X(CLEARM)    /* clear(R[a]) */                                               \
  /* interfaces */                                                             \
  X(MKIFACE)   /* R[a] = R[b] as an interface value of dynamic type tid c */   \
  X(ASSERT)    /* R[a] = R[b].(T), T concrete with tid c; panics           */  \
               /* "interface conversion: ..." */                              \
  X(ASSERT2)   /* R[a] = R[b].(T) or zero, R[a+1] = ok */                      \
  X(ASSERTI)   /* R[a] = R[b].(I), I an interface with tid c */                \
  X(ASSERTI2)  /* R[a] = R[b].(I) or nil, R[a+1] = ok */                       \
  X(TYPEIS)    /* R[a] = R[b] has dynamic type tid c (c = 0: is nil) */        \
  X(IMPLEMENTS)/* R[a] = R[b] is non-nil and implements interface tid c */     \
  X(IFACEDATA) /* R[a] = payload of R[b] with tid kept (no check) */           \
  /* calls */                                                                  \
  X(CALL)      /* call function b | x << 16 (Program::funcs); frame at R[a] */     \
  X(CALLV)     /* call the func value R[b] (nil panics); frame at R[a] */      \
  X(CALLI)     /* call method name c of interface R[b] with frame at R[a]:  */ \
               /* R[a] receives the receiver; nil interface panics */          \
  X(RET)       /* run pending defers, THEN return R[a..a+b); x = 1: those   */ \
               /* registers hold boxes (named results captured by a deferred */ \
               /* closure): return the boxes' values, read after the defers */ \
  X(CLOSURE)   /* R[a] = closure of function b | x << 16 capturing R[a+1..a+c] */        \
  X(DEFER)     /* defer call of func value R[a] with args R[a+1..a+b] */        \
  X(GO)        /* start a goroutine calling func value R[a], args R[a+1..a+b] */ \
  X(PANIC)     /* panic(R[a]) (R[a] is an interface value) */                  \
  X(RECOVER)   /* R[a] = recover() */                                          \
  /* channels */                                                               \
  X(MAKECHAN)  /* R[a] = make(chan type tid c, R[b]) (negative: unbounded) */  \
  X(SEND)      /* R[a] <- R[b] */                                              \
  X(RECV)      /* R[a] = <-R[b] */                                             \
  X(RECV2)     /* R[a], R[a+1] = <-R[b] (value, ok) */                         \
  X(CLOSE)     /* close(R[a]) */                                               \
  X(LENC)      /* R[a] = len(R[b]) */                                          \
  X(CAPC)      /* R[a] = cap(R[b]) */                                          \
  X(SELECT)    /* c cases described at R[b], R[b+3], ...: for case i,       */ \
               /* R[b+3i] = channel, R[b+3i+1] = value to send / received   */ \
               /* value, R[b+3i+2] = direction on entry (int 0 recv, 1 send) */ \
               /* and ok (bool) on exit. R[a] = chosen case index, or -1    */ \
               /* for default; x = 1: has default */                          \
  X(JTAB)      /* pc += (0 <= R[a] < b ? R[a] : b): into the b+1 JMPs that */ \
               /* follow (after SELECT: one per case, then default)        */ \
  /* misc */                                                                   \
  X(GETGX)     /* R[a] = G[b | c << 16] (globals beyond 65535) */              \
  X(SETGX)     /* G[b | c << 16] = R[a] */                                     \
  /* constant operands (c or b is an index into K): fewer loads in loops */ \
  X(ADDK) X(SUBK) X(MULK) X(DIVK) X(REMK) /* R[a] = R[b] op K[c] (int) */       \
  X(ANDK) X(SHLK) X(SHRK) X(SHRUK)                                            \
  X(ADDFK) X(SUBFK) X(MULFK) X(DIVFK)     /* R[a] = R[b] op K[c] (float) */    \
  X(JLTK)      /* if R[a] < K[b] (signed int) then pc += sc */                 \
  X(JLEK)      /* if R[a] <= K[b] */                                           \
  X(JGTK)      /* if R[a] > K[b] */                                            \
  X(JGEK)      /* if R[a] >= K[b] */                                           \
  X(MAPADDI)   /* R[a][R[b]] += sc (int values; m[k]++ with one lookup) */  \
  X(HALT)      /* end of the goroutine's entry stub */

enum class Opcode : uint8_t {
#define GOL_OP_ENUM(name) name,
  GOL_OPCODES(GOL_OP_ENUM)
#undef GOL_OP_ENUM
      Count
};

const char* opcodeName(Opcode op);

struct Instr {
  Opcode op;
  uint8_t x;
  uint16_t a, b, c;
};
static_assert(sizeof(Instr) == 8, "instructions are 8 bytes");

inline int32_t sbc(const Instr& i) {
  return int32_t((uint32_t(i.b) << 16) | i.c);
}
inline int16_t sc(const Instr& i) {
  return int16_t(i.c);
}

}  // namespace gol::vm
