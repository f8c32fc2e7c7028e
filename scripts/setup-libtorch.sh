#!/usr/bin/env bash
# Assemble a CPU-only libtorch 2.4.0 from PyPI wheels (the official archive is not reachable
# everywhere, and the wheel's CUDA payload is 1.8 GB we do not need).
# Idempotent: does nothing when the folder is complete. Downloads are cached per user.
#   usage: scripts/setup-libtorch.sh [DEST]   (default: .libtorch in the project)
set -euo pipefail

project=$(cd "$(dirname "$0")/.." && pwd)
dest=${1:-$project/.libtorch}
cache=${CLAIMSCAN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/claimscan}/wheels
torch_version=2.4.0
cuda_version=12.1.105

say() { printf '[libtorch] %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

complete() {
  [ "$(cat "$dest/build-version" 2>/dev/null)" = "$torch_version" ] &&
    [ -f "$dest/lib/libtorch_cpu.so" ] && [ -f "$dest/lib/libtorch.so" ] &&
    [ -f "$dest/lib/libcudart.so.12" ] && [ -f "$dest/lib/libcupti.so.12" ] &&
    [ -d "$dest/include/torch" ]
}

if complete; then
  say "ready in $dest"
  exit 0
fi

for tool in python3 unzip cc; do
  command -v "$tool" >/dev/null || die "'$tool' is missing: install it (Debian: apt-get install python3-pip unzip gcc)"
done
python3 -m pip --version >/dev/null 2>&1 || die "pip is missing: install it (Debian: apt-get install python3-pip)"

mkdir -p "$cache"
wheel() { ls "$cache"/"$1"-*.whl 2>/dev/null | head -n 1; }
fetch() {
  local name=$1 spec=$2
  if [ -z "$(wheel "$name")" ] || ! unzip -tq "$(wheel "$name")" >/dev/null 2>&1; then
    rm -f "$cache"/"$name"-*.whl
    say "downloading $spec into $cache (torch is about 800 MB)"
    python3 -m pip download --no-deps --only-binary=:all: --platform manylinux1_x86_64 \
      --python-version 3.11 --progress-bar on -d "$cache" "$spec" >&2 ||
      die "pip could not download $spec"
  else
    say "using cached $(basename "$(wheel "$name")")"
  fi
}
fetch torch "torch==$torch_version"
fetch nvidia_cuda_runtime_cu12 "nvidia-cuda-runtime-cu12==$cuda_version"
fetch nvidia_cuda_cupti_cu12 "nvidia-cuda-cupti-cu12==$cuda_version"

# Build in a temporary folder beside the destination, then rename: never a half-made libtorch.
work=$(mktemp -d "$(dirname "$dest")/.libtorch.tmp.XXXXXX")
trap 'rm -rf "$work"' EXIT
say "unpacking headers and CPU libraries"
unzip -q "$(wheel torch)" 'torch/include/*' 'torch/lib/libc10.so' 'torch/lib/libtorch_cpu.so' \
  'torch/lib/libgomp-*.so.1' -d "$work/wheel"
unzip -q -j "$(wheel nvidia_cuda_runtime_cu12)" '*/libcudart.so.12' -d "$work/wheel/torch/lib"
unzip -q -j "$(wheel nvidia_cuda_cupti_cu12)" '*/libcupti.so.12' -d "$work/wheel/torch/lib"
mv "$work/wheel/torch" "$work/libtorch"
lib=$work/libtorch/lib

say "stripping libtorch_cpu.so"
strip --strip-unneeded "$lib/libtorch_cpu.so" 2>/dev/null || say "strip not found; keeping the unstripped library"

# rust-bert links -ltorch; the wheel's libtorch.so pulls in libtorch_cuda.so, so provide an
# empty stand-in that only depends on the CPU libraries.
say "building the CPU-only libtorch.so stand-in"
cc -shared -fPIC -x c /dev/null -o "$lib/libtorch.so" -Wl,--no-as-needed \
  -L"$lib" -ltorch_cpu -lc10 -Wl,-rpath,'$ORIGIN' || die "the C compiler could not build libtorch.so"
# The CUDA runtime stubs are found next to libtorch_cpu.so through its $ORIGIN rpath.
echo "$torch_version" >"$work/libtorch/build-version"

say "verifying"
( cd "$lib" && LD_LIBRARY_PATH="$lib" ldd libtorch_cpu.so libtorch.so | grep -q "not found" ) &&
  die "unresolved libraries in $lib: $(cd "$lib" && LD_LIBRARY_PATH="$lib" ldd libtorch_cpu.so | grep 'not found')"

rm -rf "$dest"
mv "$work/libtorch" "$dest"
complete || die "assembled folder $dest is incomplete"
say "ready in $dest ($(du -sh "$dest" | cut -f1))"
