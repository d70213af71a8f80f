/**
 * The catalog YAML editor: Grafana's Monaco CodeEditor with the catalog's
 * issues as markers (squiggles) and whole-line marks. Kept behind this small
 * component so jsdom tests replace it with a textarea (Monaco needs a browser).
 */
import React, { useEffect, useRef, useState } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { CodeEditor, Monaco, MonacoEditor, useStyles2 } from '@grafana/ui';

export interface LineMark {
  line: number;
  column: number;
  message: string;
  severity: 'error' | 'warning';
}

/** Moves the cursor to a place and scrolls it into view. */
export interface YamlEditorApi {
  reveal(line: number, column: number): void;
}

export interface YamlEditorProps {
  value: string;
  onChange: (text: string) => void;
  marks: readonly LineMark[];
  /** Accessible name of the editor. */
  label: string;
  height?: number;
  onReady?: (api: YamlEditorApi) => void;
}

const OWNER = 'sloledger-catalog';

export function YamlEditor({ value, onChange, marks, label, height = 360, onReady }: YamlEditorProps) {
  const styles = useStyles2(getStyles);
  // CodeEditor binds onChange once, at mount: keep the latest callback in a ref.
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);
  const [mounted, setMounted] = useState<{ editor: MonacoEditor; monaco: Monaco } | undefined>();
  const decorations = useRef<ReturnType<MonacoEditor['createDecorationsCollection']> | undefined>(undefined);

  useEffect(() => {
    if (!mounted) {
      return;
    }
    const { editor, monaco } = mounted;
    const model = editor.getModel();
    if (!model) {
      return;
    }
    const lines = model.getLineCount();
    const placed = marks.map((m) => {
      const line = Math.min(Math.max(1, m.line), lines);
      return { ...m, line, endColumn: Math.max(model.getLineMaxColumn(line), m.column + 1) };
    });
    monaco.editor.setModelMarkers(
      model,
      OWNER,
      placed.map((m) => ({
        startLineNumber: m.line,
        startColumn: m.column,
        endLineNumber: m.line,
        endColumn: m.endColumn,
        message: m.message,
        severity: m.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
      }))
    );
    decorations.current?.clear();
    decorations.current = editor.createDecorationsCollection(
      placed.map((m) => ({
        range: new monaco.Range(m.line, 1, m.line, 1),
        options: { isWholeLine: true, linesDecorationsClassName: m.severity === 'error' ? styles.errorLine : styles.warningLine },
      }))
    );
  }, [marks, mounted, styles]);

  return (
    <div aria-label={label} role="group">
      <CodeEditor
        value={value}
        language="yaml"
        height={height}
        showLineNumbers
        showMiniMap={false}
        monacoOptions={{ glyphMargin: false, scrollBeyondLastLine: false }}
        onChange={(text) => onChangeRef.current(text)}
        onEditorDidMount={(editor, monaco) => {
          setMounted({ editor, monaco });
          onReady?.({
            reveal: (line, column) => {
              editor.revealLineInCenter(line);
              editor.setPosition({ lineNumber: line, column });
              editor.focus();
            },
          });
        }}
      />
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  errorLine: css({ background: theme.colors.error.main, width: `${theme.spacing(0.5)} !important`, marginLeft: theme.spacing(0.5) }),
  warningLine: css({ background: theme.colors.warning.main, width: `${theme.spacing(0.5)} !important`, marginLeft: theme.spacing(0.5) }),
});
