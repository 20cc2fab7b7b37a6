# Installs Debian packages that are missing (apt-get update first, once). Sourced by the scripts.
ensure_packages() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# Fails loudly when the .NET SDK is missing: it cannot be installed from the package registry here.
require_dotnet() {
  command -v dotnet >/dev/null || { echo "error: the .NET SDK (dotnet, version 10) is required" >&2; exit 1; }
}
