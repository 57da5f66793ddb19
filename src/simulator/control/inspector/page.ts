export function inspectorPage(): string {
  return "<!doctype html><title>x</title>";
}
