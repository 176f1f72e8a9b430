/** A spinner with what is loading, announced politely to screen readers. */
export function LoadingStatus({ children }: { children: React.ReactNode }) {
  return (
    <p role="status" className="flex items-center gap-3 text-slate-600 dark:text-slate-300">
      <span
        aria-hidden="true"
        className="size-4 animate-spin rounded-full border-2 border-slate-300 border-t-indigo-600 motion-reduce:animate-none dark:border-slate-700 dark:border-t-indigo-400"
      />
      {children}
    </p>
  );
}
