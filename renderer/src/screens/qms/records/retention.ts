// How a retention period reads: "5 năm", "Vĩnh viễn".
export function retentionText(years: number | null | undefined): string {
  return years === null || years === undefined ? 'Vĩnh viễn' : `${years} năm`;
}
