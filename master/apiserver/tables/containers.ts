// The Containers and Images cells of workload printers: every container on one line.
interface NamedImage {
  name?: string;
  image?: string;
}

export function containerCells(containers: readonly NamedImage[] | undefined): { names: string; images: string } {
  const list = containers ?? [];
  return {
    names: list.map((c) => c.name ?? '').join(','),
    images: list.map((c) => c.image ?? '').join(','),
  };
}
