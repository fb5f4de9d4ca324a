"""The benchmark behind docs/performance.md's budgets: `make bench` (`python -m bench`).

It builds demo journals of 1,000, 10,000 and 100,000 entries (cached under bench/out/), then
measures, as medians of several runs:

- every page's server time through AppTest, warm and cold (right after a new entry);
- search latency, and how many rows the largest chart sends;
- import and export of the whole journal (JSON, CSV, jrnl text) and a year's PDF report;
- a real `streamlit run` driven by Playwright in Debian's Chromium: the server's peak resident
  memory, navigation to the Trends charts, and Save on Today until its confirmation;
- two references in the same run: a bare Streamlit page with one small chart (the framework's
  floor) and jrnl, the Python journaling CLI, on the same corpus.

It prints a table, writes bench/results.json and puts the table into docs/performance.md.
"""
