# JupyterLab configuration for this repository (`make lab` passes it with --config).
# Saving a notebook stores it exactly as `python -m briefing prepare` writes it (no widget state,
# no random widget ids, no timing, counts 1, 2, 3 …), so Run All + save leaves git clean.
c = get_config()  # noqa: F821 (provided by Jupyter when it loads this file)
c.FileContentsManager.pre_save_hook = "briefing.publish.run.notebook_format.pre_save_hook"
