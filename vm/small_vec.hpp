// A vector of trivially copyable elements with room for N of them inside
// the object: a goroutine's first frame and first stack chunk need no heap
// block of their own (a million parked goroutines each saved two mallocs).
#pragma once

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <type_traits>

namespace gol::vm {

template <class T, uint32_t N>
class SmallVec {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  SmallVec() = default;
  SmallVec(const SmallVec&) = delete;
  SmallVec& operator=(const SmallVec&) = delete;
  ~SmallVec() {
    if (p_ != inl()) std::free(p_);
  }

  size_t size() const { return n_; }
  bool empty() const { return n_ == 0; }
  T* data() { return p_; }
  const T* data() const { return p_; }
  T* begin() { return p_; }
  T* end() { return p_ + n_; }
  const T* begin() const { return p_; }
  const T* end() const { return p_ + n_; }
  T& operator[](size_t k) { return p_[k]; }
  const T& operator[](size_t k) const { return p_[k]; }
  T& back() { return p_[n_ - 1]; }
  const T& back() const { return p_[n_ - 1]; }

  void push_back(const T& v) {
    if (n_ == cap_) [[unlikely]]
      grow(cap_ * 2);
    p_[n_++] = v;
  }
  void pop_back() { --n_; }
  void clear() { n_ = 0; }
  // Shrinking only needs no value; growing value-initialises.
  void resize(size_t n) {
    if (n > cap_) grow(uint32_t(n));
    for (size_t k = n_; k < n; ++k) p_[k] = T{};
    n_ = uint32_t(n);
  }
  // Gives back a heap block (a goroutine about to be reused).
  void reset() {
    if (p_ != inl()) std::free(p_);
    p_ = inl();
    n_ = 0;
    cap_ = N;
  }

 private:
  T* inl() { return reinterpret_cast<T*>(buf_); }
  void grow(uint32_t cap) {
    if (cap < 2 * N) cap = 2 * N;
    void* np = std::malloc(size_t(cap) * sizeof(T));
    if (!np) throw std::bad_alloc();
    std::memcpy(np, static_cast<void*>(p_), size_t(n_) * sizeof(T));
    if (p_ != inl()) std::free(p_);
    p_ = static_cast<T*>(np);
    cap_ = cap;
  }

  T* p_ = inl();
  uint32_t n_ = 0;
  uint32_t cap_ = N;
  alignas(T) unsigned char buf_[N * sizeof(T)];
};

// A 16-byte vector of trivially copyable elements (std::vector takes 24):
// the rarely used lists of a goroutine (defers, panics, pins ...).
template <class T>
class PodVec {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  PodVec() = default;
  PodVec(const PodVec&) = delete;
  PodVec& operator=(const PodVec&) = delete;
  ~PodVec() { std::free(p_); }

  size_t size() const { return n_; }
  bool empty() const { return n_ == 0; }
  T* data() { return p_; }
  const T* data() const { return p_; }
  T* begin() { return p_; }
  T* end() { return p_ + n_; }
  const T* begin() const { return p_; }
  const T* end() const { return p_ + n_; }
  T& operator[](size_t k) { return p_[k]; }
  const T& operator[](size_t k) const { return p_[k]; }
  T& back() { return p_[n_ - 1]; }
  const T& back() const { return p_[n_ - 1]; }

  void push_back(const T& v) {
    if (n_ == cap_) [[unlikely]]
      grow(cap_ ? cap_ * 2 : 4);
    p_[n_++] = v;
  }
  void pop_back() { --n_; }
  void clear() { n_ = 0; }
  void resize(size_t n) {
    if (n > cap_) grow(uint32_t(n));
    for (size_t k = n_; k < n; ++k) p_[k] = T{};
    n_ = uint32_t(n);
  }

 private:
  void grow(uint32_t cap) {
    void* np = std::realloc(static_cast<void*>(p_), size_t(cap) * sizeof(T));
    if (!np) throw std::bad_alloc();
    p_ = static_cast<T*>(np);
    cap_ = cap;
  }

  T* p_ = nullptr;
  uint32_t n_ = 0;
  uint32_t cap_ = 0;
};

}  // namespace gol::vm
