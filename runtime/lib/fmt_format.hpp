// The formatting engine of package fmt: Go's verbs, flags and %v rules over
// VM values described by runtime types.
//
// It knows nothing of the VM: what it needs (type descriptors, calling an
// operand's Error/String method, reading map entries) comes through FmtEnv,
// so that tests can drive it with hand-made values.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bytecode/rttype.hpp"
#include "bytecode/value.hpp"

namespace gol::lib {

class FmtEnv {
 public:
  virtual ~FmtEnv() = default;
  virtual const vm::RtType& type(uint32_t tid) const = 0;
  // The name interned as nameId (RtMethod::nameId).
  virtual const std::string& name(uint32_t nameId) const = 0;
  // Calls the method `method` (Error or String: no arguments, a string
  // result) of v, whose tid is its dynamic type. Returns false when the call
  // panicked; formatting then stops and the caller propagates the panic.
  virtual bool callStringMethod(const vm::Value& v, std::string_view method, std::string& out) = 0;
  // After callStringMethod returned false: whether fmt recovered that panic
  // (as Go's catchPanic does), with the panic value's text.
  virtual bool recoveredPanic(std::string& text) {
    (void)text;
    return false;
  }
  // Whether method `method` of type tid is declared on a pointer receiver
  // (such a method may accept a nil receiver, so fmt calls it).
  virtual bool pointerReceiver(uint32_t tid, std::string_view method) const {
    (void)tid;
    (void)method;
    return false;
  }
  // Whether sigId (RtMethod::sigId) is `func() string`, the signature of
  // Error and String: a method of that name and another signature does not
  // make the operand an error or a Stringer.
  virtual bool stringMethodSignature(uint32_t sigId) const {
    (void)sigId;
    return true;
  }
  // Whether arg is a reflect.Value, which prints as the value it holds
  // (0: no; 1: yes, *held is that value as an interface value; 2: the
  // invalid Value).
  virtual int reflectValue(const vm::Value& arg, vm::Value* held) {
    (void)arg;
    (void)held;
    return 0;
  }
  // Appends the entries of the non-nil map m, in any order.
  virtual void mapEntries(const vm::Value& m,
                          std::vector<std::pair<vm::Value, vm::Value>>& out) = 0;
};

// The operands of Print/Printf are interface values: tid is the dynamic type
// (0 for a nil interface). Each function appends to `out` and returns false
// when an operand's method panicked.

// fmt.Sprintf. With `wrapped` non-null (fmt.Errorf), %w formats an error
// operand as %v, and *wrapped receives the operand index of every %w in
// format order (as Go's pp.wrappedErrs; non-error operands included).
bool formatPrintf(FmtEnv& env, std::string& out, std::string_view format, const vm::Value* args,
                  size_t nargs, std::vector<int>* wrapped = nullptr);
// fmt.Sprint: spaces between operands when neither side is a string.
bool formatPrint(FmtEnv& env, std::string& out, const vm::Value* args, size_t nargs);
// fmt.Sprintln: spaces between all operands and a final newline.
bool formatPrintln(FmtEnv& env, std::string& out, const vm::Value* args, size_t nargs);

}  // namespace gol::lib
